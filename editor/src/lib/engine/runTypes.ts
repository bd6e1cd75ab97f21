import type { EngineState, SerializedError } from 'rivulet';
import type { PipelineOrigin } from '../stores/pipeline.svelte';

/** The run's state: the engine's, or `failed` when its worker died (stuck in a user function, or killed). */
export type RunStatus = EngineState | 'failed';

/** A log line's kind: what outputs printed, the run's own notes, the engine's warnings and errors. */
export type LogLevel = 'output' | 'info' | 'warn' | 'error';

/** One entry of the log panel. */
export interface LogEntry {
  readonly id: number;
  /** Wall-clock time it arrived (`Date.now()`). */
  readonly at: number;
  readonly level: LogLevel;
  readonly message: string;
  readonly batchTimeMs?: number;
  /** The pipeline node it is about, when known. */
  readonly nodeId?: string;
  /** A `print()` block, in Spark's format (the dashed `Time: … ms` banner, then the elements). */
  readonly lines?: readonly string[];
  /** The failure behind an error entry, with its cause chain. */
  readonly error?: SerializedError;
}

/** The last failure of one node, shown as a red badge on it. */
export interface NodeError {
  /** The user's own words (the innermost cause's message). */
  readonly message: string;
  readonly batchTimeMs?: number;
  /** Failures of this node since the run started. */
  readonly count: number;
  readonly error: SerializedError;
}

/** A question the run waits on: whether to run code that came from somewhere else. */
export interface RunConfirmation {
  readonly origin: PipelineOrigin;
  /** How many function parameters the pipeline holds (code that will run). */
  readonly functions: number;
  answer(run: boolean): void;
}

/** Batches kept for the timeline, charts and inspector; older ones are dropped. */
export const MAX_BATCHES = 300;
/** Log entries kept. */
export const MAX_LOGS = 1000;
/** Lines kept of one `print()` block. */
export const MAX_PRINT_LINES = 200;
