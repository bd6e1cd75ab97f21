import type { PIDRateEstimatorOptions } from '../../receiver/ReceiverOptions.js';
import { PIDRateEstimator } from './PIDRateEstimator.js';

/**
 * Estimates how many records per second a stream should ingest, from each completed batch
 * (Spark: `scheduler.rate.RateEstimator`).
 */
export interface RateEstimator {
  /**
   * The new rate in records per second, or `undefined` to keep the current one.
   * @param time when the batch finished processing (ms)
   * @param elements records the batch held
   * @param processingDelay ms its jobs took
   * @param schedulingDelay ms it waited before its first job started
   */
  compute(time: number, elements: number, processingDelay: number, schedulingDelay: number): number | undefined;
}

/**
 * The estimator backpressure uses: a PID controller with Spark's defaults, proportional 1.0,
 * integral 0.2, derived 0.0, minRate 100 (Spark: `RateEstimator.create`).
 */
export function createRateEstimator(batchIntervalMs: number, pid: PIDRateEstimatorOptions = {}): RateEstimator {
  return new PIDRateEstimator(
    batchIntervalMs,
    pid.proportional ?? 1.0,
    pid.integral ?? 0.2,
    pid.derived ?? 0.0,
    pid.minRate ?? 100,
  );
}
