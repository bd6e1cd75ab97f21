/**
 * A pipeline as data (the editor's format): the same DStream graph the fluent API builds, with
 * every user function as JavaScript source text. `pipelineSpec.schema.json` (JSON Schema
 * 2020-12) describes the same shape; `parsePipelineSpec` checks untrusted JSON against it.
 */

/** Any value JSON can carry. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The version of the format described here; a spec states it so later versions can migrate it. */
export const PIPELINE_SPEC_VERSION = 1;

/** A whole pipeline: its batch interval, checkpointing, operator nodes and the edges between them. */
export interface PipelineSpec {
  readonly version: typeof PIPELINE_SPEC_VERSION;
  readonly name?: string;
  readonly description?: string;
  /** The batch interval in ms (Spark: `new StreamingContext(conf, batchDuration)`). */
  readonly batchDurationMs: number;
  readonly checkpoint?: PipelineCheckpoint;
  /** Operators, in the order code export writes them and outputs are registered. */
  readonly nodes: readonly PipelineNode[];
  readonly edges: readonly PipelineEdge[];
}

/** Checkpointing, which stateful operators need (Spark: `ssc.checkpoint(directory)`). */
export interface PipelineCheckpoint {
  readonly enabled: boolean;
  /** Where checkpoints go; `'checkpoint'` when left out. A host may set its own store instead. */
  readonly directory?: string;
  /** Applied as `stream.checkpoint(Milliseconds(intervalMs))` to every stateful node's stream. */
  readonly intervalMs?: number;
}

/** One operator of the registry, with its parameters (durations in ms, functions as source text). */
export interface PipelineNode {
  /** Unique in the spec: letters, digits, `_`, `-`, `.` and `:`, at most 64 characters. */
  readonly id: string;
  /** An operator's Spark name, as listed by `operatorRegistry` (e.g. `reduceByKeyAndWindow`). */
  readonly operator: string;
  readonly params: { readonly [name: string]: JsonValue };
  /** Where the editor draws the node; ignored by the engine. */
  readonly position?: { readonly x: number; readonly y: number };
  /** A display name; code export derives the variable's name from it. */
  readonly label?: string;
}

/** The input ports of an operator: `in` for the stream it is called on, `other` for the second stream. */
export type PortName = 'in' | 'other';

/** A stream flowing from `source`'s output into one of `target`'s input ports. */
export interface PipelineEdge {
  readonly id?: string;
  readonly source: string;
  readonly target: string;
  /** Default `'in'`. */
  readonly targetPort?: PortName;
}

/** Bounds on untrusted specs: beyond them a spec is rejected before it is looked at. */
export const PipelineLimits = {
  /** Of the JSON text, in UTF-8 bytes. */
  maxBytes: 1024 * 1024,
  /** Of nested arrays and objects, the spec itself being depth 1. */
  maxDepth: 32,
  maxNodes: 500,
  maxEdges: 1000,
  /** Of every string except function sources and descriptions. */
  maxStringLength: 1000,
  maxFunctionLength: 64 * 1024,
  maxDescriptionLength: 10_000,
  /** Of values walked in an object passed to `validatePipeline` (which may share sub-objects). */
  maxValues: 200_000,
} as const;
