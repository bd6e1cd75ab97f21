import type { JsonValue, ParamSpec, PipelineProblem } from 'rivulet';
import type { Snippet } from 'svelte';

export interface ParamFieldProps {
  /** Unique among the page's fields; the control's element id. */
  fieldId: string;
  param: ParamSpec;
  /** The node's value, undefined when the parameter is not set (its default applies). */
  value: JsonValue | undefined;
  /** Validation problems of this parameter. */
  problems: readonly PipelineProblem[];
  /** Sets the parameter, or with undefined removes it. */
  onchange: (value: JsonValue | undefined) => void;
}

export interface DurationInputProps {
  id: string;
  /** In ms; undefined when not set. */
  value: number | undefined;
  onchange: (ms: number | undefined) => void;
  /** Shown when empty, in ms (the default or an example). */
  placeholderMs?: number;
  invalid?: boolean;
  describedby?: string;
}

export interface JsonInputProps {
  id: string;
  value: JsonValue | undefined;
  onchange: (value: JsonValue | undefined) => void;
  placeholder?: string;
  invalid?: boolean;
  describedby?: string;
}

export interface FieldRowProps {
  label: string;
  /** The control's element id (the label points at it; the help is `<id>-help`). */
  id: string;
  /** A line under the control saying what the setting does. */
  help?: Snippet;
  /** The control. */
  children: Snippet;
}
