export { default as NodeInspector } from './NodeInspector.svelte';
export { default as PipelineSettings } from './PipelineSettings.svelte';
export { default as ParamField } from './ParamField.svelte';
export { default as FieldRow } from './FieldRow.svelte';
export type { DurationInputProps, FieldRowProps, JsonInputProps, ParamFieldProps } from './types';
