import { ValidationError } from '../../../errors.js';
import type { RateEstimator } from './RateEstimator.js';

/**
 * A proportional-integral-derivative controller of a stream's ingestion rate (Spark:
 * `PIDRateEstimator`). The error is the difference between the rate it asked for last time and
 * the rate the last batch was actually processed at; the scheduling delay stands for the
 * accumulated error (records that overflowed earlier batches):
 *
 *   processingRate  = elements / processingDelay × 1000                  (records/s)
 *   error           = latestRate − processingRate
 *   historicalError = schedulingDelay × processingRate / batchInterval
 *   dError          = (error − latestError) / secondsSinceLastUpdate
 *   newRate         = max(latestRate − P·error − I·historicalError − D·dError, minRate)
 *
 * The first batch only initializes it (latestRate = processingRate, no estimate). Batches with no
 * records, no processing time, or no newer time than the last are skipped.
 */
export class PIDRateEstimator implements RateEstimator {
  private firstRun = true;
  private latestTime = -1;
  private latestRate = -1;
  private latestError = -1;

  constructor(
    readonly batchIntervalMillis: number,
    readonly proportional: number,
    readonly integral: number,
    readonly derivative: number,
    readonly minRate: number,
  ) {
    // `!(x > 0)` also refuses NaN.
    if (!(batchIntervalMillis > 0)) {
      throw invalid(`batch interval ${batchIntervalMillis} ms is invalid; it must be > 0.`);
    }
    if (!(proportional >= 0)) throw invalid(`proportional term ${proportional} should be >= 0; Spark's default is 1.0.`);
    if (!(integral >= 0)) throw invalid(`integral term ${integral} should be >= 0; Spark's default is 0.2.`);
    if (!(derivative >= 0)) throw invalid(`derivative term ${derivative} should be >= 0; Spark's default is 0.0.`);
    if (!(minRate > 0)) throw invalid(`minimum rate ${minRate} should be > 0; Spark's default is 100.`);
  }

  compute(time: number, numElements: number, processingDelay: number, schedulingDelay: number): number | undefined {
    if (!(time > this.latestTime && numElements > 0 && processingDelay > 0)) return undefined;
    // in seconds, should be close to the batch interval
    const delaySinceUpdate = (time - this.latestTime) / 1000;
    // in records/s
    const processingRate = (numElements / processingDelay) * 1000;
    // The desired rate is the one estimated for the previous batch.
    const error = this.latestRate - processingRate;
    // A scheduling delay s means s × processingRate records overflowed earlier batches; spread
    // over a batch interval, that is the rate that should not have been ingested.
    const historicalError = (schedulingDelay * processingRate) / this.batchIntervalMillis;
    // in records/s²
    const dError = (error - this.latestError) / delaySinceUpdate;
    const newRate = Math.max(
      this.latestRate - this.proportional * error - this.integral * historicalError - this.derivative * dError,
      this.minRate,
    );
    this.latestTime = time;
    if (this.firstRun) {
      this.latestRate = processingRate;
      this.latestError = 0;
      this.firstRun = false;
      return undefined;
    }
    this.latestRate = newRate;
    this.latestError = error;
    return newRate;
  }
}

function invalid(detail: string): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', `PIDRateEstimator: ${detail}`);
}
