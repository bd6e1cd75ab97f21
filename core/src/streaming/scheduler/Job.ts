import type { Time } from '../Time.js';

/**
 * One output operation's work for one batch (Spark: `streaming.scheduler.Job`). `run` may be
 * asynchronous; the job is done when it settles.
 */
export class Job {
  startTime: number | undefined;
  endTime: number | undefined;
  error: unknown;
  failed = false;

  constructor(
    readonly time: Time,
    /** The output operation's index, in definition order. */
    readonly outputOpId: number,
    /** The operator that defined it (`print`, `foreachRDD`...). */
    readonly name: string,
    readonly run: () => Promise<void>,
  ) {}

  toString(): string {
    return `streaming job ${this.time.milliseconds}.${this.outputOpId} (${this.name})`;
  }
}
