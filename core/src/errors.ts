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
  TIMER_ALREADY_STARTED: 'A RecurringTimer can be started once; create a new timer to run again.',
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

/** An operation that is not allowed in the current lifecycle state (Spark: `IllegalStateException`). */
export class IllegalStateError extends RivuletError {
  override name = 'IllegalStateError';
}

/** A task failed; names the RDD and the partition, and carries the user's original error as `cause`. */
export class TaskFailedError extends RivuletError {
  override name = 'TaskFailedError';
  constructor(
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
