import type { Time } from '../Time.js';

/** What one input stream received for a batch (Spark: `StreamInputInfo`). */
export interface StreamInputInfo {
  readonly inputStreamId: number;
  readonly numRecords: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** One output operation of one batch (Spark: `OutputOperationInfo`). Times are the context clock's ms. */
export interface OutputOperationInfo {
  readonly batchTime: Time;
  /** The output operation's index, in the order the outputs were defined. */
  readonly id: number;
  /** The operator, e.g. `print` or `foreachRDD`. */
  readonly name: string;
  readonly description: string;
  readonly startTime?: number;
  readonly endTime?: number;
  /** The failure's message when the operation failed. */
  readonly failureReason?: string;
  /** The error itself, when the operation failed (Rivulet keeps the object, not only its text). */
  readonly error?: unknown;
}

/**
 * One batch as listeners see it (Spark: `BatchInfo`). Times are the context clock's
 * milliseconds, so under a `ManualClock` they are deterministic. Delays are `undefined` until known.
 */
export interface BatchInfo {
  readonly batchTime: Time;
  readonly streamIdToInputInfo: ReadonlyMap<number, StreamInputInfo>;
  readonly submissionTime: number;
  readonly processingStartTime?: number;
  readonly processingEndTime?: number;
  readonly outputOperationInfos: ReadonlyMap<number, OutputOperationInfo>;
  /** Records received by all input streams for this batch. */
  readonly numRecords: number;
  /** From submission to the start of the first job. */
  readonly schedulingDelay?: number;
  /** From the start of the first job to the end of the last. */
  readonly processingDelay?: number;
  /** From submission to the end of the last job. */
  readonly totalDelay?: number;
}
