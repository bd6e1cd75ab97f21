import type { Time } from '../Time.js';
import type { BatchInfo, OutputOperationInfo, StreamInputInfo } from './BatchInfo.js';
import type { Job } from './Job.js';

/** The jobs of one batch, and the timings of the batch (Spark: `JobSet`). */
export class JobSet {
  processingStartTime: number | undefined;
  processingEndTime: number | undefined;
  private readonly incomplete: Set<Job>;

  constructor(
    readonly time: Time,
    readonly jobs: readonly Job[],
    readonly streamIdToInputInfo: ReadonlyMap<number, StreamInputInfo>,
    readonly submissionTime: number,
  ) {
    this.incomplete = new Set(jobs);
  }

  handleJobStart(job: Job): void {
    this.processingStartTime ??= job.startTime;
  }

  handleJobCompletion(job: Job): void {
    this.incomplete.delete(job);
    if (this.hasCompleted) this.processingEndTime = job.endTime;
  }

  get hasStarted(): boolean {
    return this.processingStartTime !== undefined;
  }

  get hasCompleted(): boolean {
    return this.incomplete.size === 0;
  }

  toBatchInfo(): BatchInfo {
    const start = this.processingStartTime;
    const end = this.hasCompleted ? this.processingEndTime : undefined;
    let numRecords = 0;
    for (const info of this.streamIdToInputInfo.values()) numRecords += info.numRecords;
    return {
      batchTime: this.time,
      streamIdToInputInfo: this.streamIdToInputInfo,
      submissionTime: this.submissionTime,
      processingStartTime: start,
      processingEndTime: end,
      outputOperationInfos: new Map(this.jobs.map((job) => [job.outputOpId, outputOperationInfo(job)])),
      numRecords,
      schedulingDelay: start === undefined ? undefined : start - this.submissionTime,
      processingDelay: start === undefined || end === undefined ? undefined : end - start,
      totalDelay: end === undefined ? undefined : end - this.submissionTime,
    };
  }
}

/** The listener view of a job. */
export function outputOperationInfo(job: Job): OutputOperationInfo {
  return {
    batchTime: job.time,
    id: job.outputOpId,
    name: job.name,
    description: job.toString(),
    startTime: job.startTime,
    endTime: job.endTime,
    failureReason: job.failed ? (job.error instanceof Error ? job.error.message : String(job.error)) : undefined,
    error: job.failed ? job.error : undefined,
  };
}
