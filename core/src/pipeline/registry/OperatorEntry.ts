import type { DStream } from '../../streaming/dstream/internal.js';
import type { StreamingContext } from '../../streaming/StreamingContext.js';
import type { JsonValue, PortName } from '../PipelineSpec.js';

/**
 * What flows on an edge, as far as the graph can tell without running it: `pairs` are
 * `[key, value]` tuples, `values` are known not to be, `any` is unknown (after a `map`). Only a
 * `values` stream into a `pairs` port is a mistake; `any` is given the benefit of the doubt.
 */
export type ElementKind = 'values' | 'pairs' | 'any';

/** The editor's palette sections, in Spark's programming-guide order. */
export type OperatorCategory = 'source' | 'transformation' | 'window' | 'state' | 'join' | 'output';

/** The parameter types the editor draws a field for. */
export type ParamType = 'duration' | 'integer' | 'number' | 'string' | 'boolean' | 'function' | 'json' | 'enum';

/** A node's parameters as the registry's functions see them: the spec's, with defaults filled in. */
export type OperatorParams = { readonly [name: string]: JsonValue | undefined };

/** An input port: `in` is the stream the operator is called on, `other` its stream argument. */
export interface PortSpec {
  readonly name: PortName;
  /** `pairs` ports reject streams known to carry single values. */
  readonly kind: ElementKind;
  readonly description: string;
}

/** One parameter of an operator. Durations are in ms; functions are JavaScript source text. */
export interface ParamSpec {
  /** Spark's argument name; a `…Ms` suffix marks a duration in milliseconds. */
  readonly name: string;
  readonly type: ParamType;
  readonly description: string;
  /** A missing required parameter is a problem; a missing optional one takes `default`, if any. */
  readonly required?: boolean;
  readonly default?: JsonValue;
  /** Bounds of `integer`, `number` and `duration` parameters, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** The choices of an `enum` parameter. */
  readonly options?: readonly string[];
  /** A `function` parameter's expected TypeScript signature, shown in the editor and the docs. */
  readonly signature?: string;
  /** The declared parameter counts a `function` may have, when the operator tells forms apart by it. */
  readonly arities?: readonly number[];
  /** An example value: the editor's placeholder, and the fix suggested for a bad value. */
  readonly example?: JsonValue;
  /** A further check of a value that has the right type: a problem message (with a fix), or undefined. */
  readonly check?: (value: JsonValue) => string | undefined;
}

/** What `apply` gets besides its inputs and parameters. Used by `compilePipeline` only. */
export interface ApplyContext {
  readonly ssc: StreamingContext;
  readonly nodeId: string;
  /**
   * Turns a function parameter's source text into a function, with `scope`'s entries as free
   * variables. This evaluates user text, which is why compilation runs in the engine's worker.
   */
  fn(source: JsonValue | undefined, scope?: Readonly<Record<string, unknown>>): ((...args: any[]) => any) | undefined;
  /** Where `collect` nodes deliver their batches. */
  collect(batch: CollectedBatch): void;
}

/** One batch of a `collect` output node: its first records, for the editor's inspector. */
export interface CollectedBatch {
  readonly nodeId: string;
  readonly timeMs: number;
  readonly records: readonly unknown[];
}

/** What `code` gets to write its TypeScript expression (or, for outputs, statement). Used by `exportCode`. */
export interface CodeContext {
  /** The name of the StreamingContext variable. */
  readonly ssc: string;
  /** The node's variable name, for messages a statement prints. */
  readonly name: string;
  readonly nodeId: string;
  /** A function parameter's source text, as it will appear in the program (`undefined` if absent). */
  fn<V extends JsonValue | undefined>(source: V): V extends undefined ? undefined : string;
  /** `Seconds(2)`, `Milliseconds(250)` or `Minutes(1)`, importing the helper used (`undefined` if absent). */
  duration<V extends JsonValue | undefined>(ms: V): V extends undefined ? undefined : string;
  /** A JSON value as a TypeScript literal. */
  json(value: JsonValue | undefined): string;
  /** Arguments separated by commas: trailing missing ones dropped, inner ones written `undefined`. */
  args(...args: (string | undefined)[]): string;
  /** Imports a named export of `rivulet` and returns its name. */
  use(name: string): string;
  /** Adds a statement before this node's, e.g. a static RDD the node's function refers to. */
  before(statement: string): void;
}

/**
 * One operator a visual user can place, with everything every front door needs: the palette
 * (category, ports, parameters, descriptions), validation (kinds, windows, statefulness),
 * compilation (`apply`, the same fluent-API call the program would make) and code export (`code`).
 */
export interface OperatorEntry {
  /** Spark's name of the operator (`reduceByKeyAndWindow`); what a node's `operator` says. */
  readonly name: string;
  readonly category: OperatorCategory;
  /** One sentence for the palette's tooltip and the docs table. */
  readonly description: string;
  /** The Spark API it mirrors, e.g. `DStream.reduceByKeyAndWindow` ("none: Rivulet's own (cf. …)" for additions). */
  readonly spark: string;
  readonly inputs: readonly PortSpec[];
  /**
   * The kind of the output stream: fixed, `'input'` (the inputs' common kind, `any` if they
   * differ), or a function of the parameters (a source's data). Absent for output operators.
   */
  readonly output?: ElementKind | 'input' | ((params: OperatorParams) => ElementKind);
  readonly params: readonly ParamSpec[];
  /**
   * Keeps data across batches, so it needs checkpointing: `true`, or `{ whenParam }` when only
   * with that parameter set (an inverse reduce function).
   */
  readonly stateful?: true | { readonly whenParam: string };
  /** Checks that involve several parameters, e.g. `filterFunc` needing `invReduceFunc`. */
  readonly checkParams?: (params: OperatorParams) => readonly { readonly param: string; readonly message: string }[];
  /** The window parameters, checked against the parent's slide; the slide one sets this stream's slide. */
  readonly windowParams?: { readonly durationParam: string; readonly slideParam: string };
  /** The variable name code export uses when the node has no label. */
  readonly varName: string;
  /** Builds the operator's stream on its inputs (in port order) with the fluent API; outputs return nothing. */
  readonly apply: (inputs: readonly DStream<any>[], params: OperatorParams, ctx: ApplyContext) => DStream<unknown> | void;
  /** The fluent-API expression `apply` evaluates, as TypeScript, given its inputs' variable names. */
  readonly code: (inputs: readonly string[], params: OperatorParams, ctx: CodeContext) => string;
}

/** Whether `entry`, with these parameters, keeps state across batches (and so needs checkpointing). */
export function isStateful(entry: OperatorEntry, params: OperatorParams): boolean {
  const stateful = entry.stateful;
  if (stateful === undefined) return false;
  return stateful === true || params[stateful.whenParam] !== undefined;
}
