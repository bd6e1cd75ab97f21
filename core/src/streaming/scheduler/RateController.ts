import type { RateEstimator } from './rate/RateEstimator.js';
import type { StreamingListener, StreamingListenerEvent } from './StreamingListener.js';

type BatchCompleted = Extract<StreamingListenerEvent, { type: 'batchCompleted' }>;

/**
 * A listener that re-estimates a stream's ingestion rate after every completed batch and
 * publishes the new bound (Spark: `RateController`). Spark computes on a separate thread; here the
 * estimate is cheap and runs in the listener call, so the bound is in place before the next batch.
 */
export abstract class RateController implements StreamingListener {
  private rateLimit = -1;

  constructor(
    readonly streamUID: number,
    private readonly rateEstimator: RateEstimator,
  ) {}

  /** Sends a new bound (records per second) to wherever the stream ingests data. */
  protected abstract publish(rate: number): void;

  /** The last published bound in records per second, −1 before the first (Spark: `getLatestRate`). */
  getLatestRate(): number {
    return this.rateLimit;
  }

  onBatchCompleted({ batchInfo }: BatchCompleted): void {
    const input = batchInfo.streamIdToInputInfo.get(this.streamUID);
    const { processingEndTime, processingDelay, schedulingDelay } = batchInfo;
    if (input === undefined || processingEndTime === undefined) return;
    if (processingDelay === undefined || schedulingDelay === undefined) return;
    const newRate = this.rateEstimator.compute(processingEndTime, input.numRecords, processingDelay, schedulingDelay);
    if (newRate === undefined) return;
    // Spark keeps the bound as a Long.
    this.rateLimit = Math.trunc(newRate);
    this.publish(this.rateLimit);
  }
}
