import type { PipelineProblem } from './pipeline/PipelineProblem.js';

/**
 * Every error Rivulet throws on purpose is a `RivuletError` with a stable `code`.
 * The codes, with a line of help each, live in one table so docs and tools can list them.
 */
export const ErrorCodes = {
  TASK_FAILED: 'A task threw while computing a partition; the cause is the original error.',
  INVALID_ARGUMENT: 'An argument is out of range or of the wrong kind.',
  JOB_CANCELLED: 'The job was cancelled because its context was stopped.',
  EMPTY_COLLECTION: 'An action that needs at least one element (reduce, first) ran on an empty RDD.',
  ILLEGAL_STATE: 'The operation is not allowed in the current state.',
  NO_OUTPUT_OPERATION: 'A streaming graph was started without any output operation.',
  CHECKPOINT_DIRECTORY_NOT_SET: 'A stream needs checkpointing but no checkpoint directory was set.',
  INVALID_CHECKPOINT_INTERVAL: "A stream's checkpoint interval is not a multiple of its slide, or lower than it.",
  INVALID_WINDOW: "A window or slide duration is not a multiple of the parent stream's slide.",
  CONTEXT_ACTIVE: 'The operation is not allowed once the StreamingContext has started.',
  CONTEXT_STOPPED: 'The StreamingContext has been stopped.',
  BATCH_FAILED: 'A batch could not be generated or run.',
  TRANSFORM_RETURNED_NO_RDD: 'A transform function returned something other than an RDD.',
  TIMER_ALREADY_STARTED: 'A RecurringTimer can be started once; create a new timer to run again.',
  PLATFORM_NOT_REGISTERED: "No platform (Node or browser) is registered, so there is no file system to write to.",
  FILE_NOT_FOUND: 'A file or directory does not exist.',
  RECEIVER_NOT_STARTED: 'A receiver method that needs the engine (store, restart, stop, reportError) ran before its context started the receiver.',
  RECEIVER_STOPPED: "Records were handed to a receiver's store() after it stopped, so they were not stored.",
  RECEIVER_IN_USE: 'A receiver object was given to more than one receiverStream; create one receiver per stream.',
  ENGINE_UNRESPONSIVE: "The engine's worker did not finish a batch (or a call) within the time limit, so it was terminated; a user function probably loops forever.",
  ENGINE_TERMINATED: "The engine's worker was terminated; create a new engine to run again.",
  ENGINE_NOT_LOADED: 'An engine operation needs a pipeline; call load(spec) first.',
  PLATFORM_UNSUPPORTED: 'A source needs what this platform lacks: TCP sockets and local directories are Node-only.',
  LINE_TOO_LONG: "A received line was longer than the source's maxLineLength, so it was dropped.",
  CHECKPOINT_CORRUPT: 'Checkpoints exist but none verifies (torn, truncated or altered files), or a stored record fails its checksum.',
  CHECKPOINT_QUOTA_EXCEEDED: 'The browser refused to store a checkpoint even after old checkpoints were pruned; free storage or checkpoint less state.',
  CHECKPOINT_LOCKED: 'Another tab or worker is writing to the same checkpoint store; stop it or use another checkpoint name.',
  WRITE_AHEAD_LOG_RECORD_MISSING: 'A write-ahead-log handle points at a record that was cleaned or never written to this log.',
  CHECKPOINT_GRAPH_CHANGED: 'The program rebuilt by getOrCreate has a different graph (operators, parameters, wiring or batch interval) from the one that wrote the checkpoint.',
  CHECKPOINT_NOT_SERIALIZABLE: 'A value cannot be checkpointed (a function, a symbol, a cycle) or read back (an unregistered class).',
  CHECKPOINT_NOT_FOUND: 'getOrCreate was asked to resume from a checkpoint time the store has no valid checkpoint for.',
  CHECKPOINT_WRITE_FAILED: 'Writing a checkpoint to its store failed; the batches it covered are still processed.',
  PIPELINE_INVALID: "A pipeline spec has problems (listed in the error's `problems`), so it cannot be compiled.",
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

/** The base of every error Rivulet throws on purpose. `code` is stable across versions. */
export class RivuletError extends Error {
  override name = 'RivuletError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A mistake in how a graph or an operator was put together (Spark: `require` failures at construction or `validateAtStart`). */
export class ValidationError extends RivuletError {
  override name = 'ValidationError';
}

/**
 * A pipeline spec that cannot be compiled: a `ValidationError` of code `PIPELINE_INVALID` that
 * carries every problem found (see `validatePipeline`), each with its node and a fix.
 */
export class PipelineValidationError extends ValidationError {
  override name = 'PipelineValidationError';
  constructor(
    readonly problems: readonly PipelineProblem[],
    options?: { cause?: unknown },
  ) {
    super(
      'PIPELINE_INVALID',
      `The pipeline has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ` +
        problems.map((p, i) => `(${i + 1}) ${p.message}`).join(' '),
      options,
    );
  }
}

/** An operation that is not allowed in the current lifecycle state (Spark: `IllegalStateException`). */
export class IllegalStateError extends RivuletError {
  override name = 'IllegalStateError';
}

/** A receiver was used outside its lifecycle (Spark: the `SparkException`s of `Receiver` and `BlockGenerator`). */
export class ReceiverError extends RivuletError {
  override name = 'ReceiverError';
}

/** Reading or writing checkpoints, the write-ahead log or durable records failed (Spark: the `SparkException`s of `CheckpointReader`/`CheckpointWriter`). */
export class CheckpointError extends RivuletError {
  override name = 'CheckpointError';
}

/**
 * A task failed; names the RDD (its id, for tools that find the RDD's stream, and its description)
 * and the partition, and carries the user's original error as `cause`. Spark: the `SparkException`
 * of a failed stage, "Task 1 in stage 3.0 failed".
 */
export class TaskFailedError extends RivuletError {
  override name = 'TaskFailedError';
  constructor(
    /** The `RDD.id` of the RDD whose partition failed (an own field, so it crosses a worker boundary in `details`). */
    readonly rddId: number,
    readonly rddDescription: string,
    readonly partition: number,
    readonly stageId: number,
    cause: unknown,
  ) {
    super(
      'TASK_FAILED',
      `Task for partition ${partition} of ${rddDescription} (stage ${stageId}) failed: ${messageOf(cause)}`,
      { cause },
    );
  }
}

/** The message of anything thrown, for composing error messages. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
