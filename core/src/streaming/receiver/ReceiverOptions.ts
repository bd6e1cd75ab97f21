import { ValidationError } from '../../errors.js';

/** The gains and floor of the backpressure PID estimator (Spark: `spark.streaming.backpressure.pid.*`). */
export interface PIDRateEstimatorOptions {
  /** How much the correction follows the current error. Default 1.0. */
  proportional?: number;
  /** How much the correction follows the accumulated error (the scheduling delay). Default 0.2. */
  integral?: number;
  /** How much the correction follows the error's rate of change. Default 0.0. */
  derived?: number;
  /** The lowest rate it estimates, in records per second; must be > 0. Default 100. */
  minRate?: number;
}

/**
 * The receiver and rate-control options of a `StreamingContext` (Spark: `spark.streaming.blockInterval`,
 * `spark.streaming.receiver.*` and `spark.streaming.backpressure.*`).
 */
export interface ReceiverOptions {
  /**
   * How often a receiver's stored records are cut into a block, in ms; the blocks of a batch are
   * the partitions of its RDD (Spark: `spark.streaming.blockInterval`). Default 200.
   */
  blockIntervalMs?: number;
  /**
   * The most records per second each receiver stores; `store()` waits beyond it. `undefined`, 0 or
   * a negative number: no limit (Spark: `spark.streaming.receiver.maxRate`).
   */
  receiverMaxRate?: number;
  /** How long a receiver waits before starting again after `restart()` (Spark: `spark.streaming.receiverRestartDelay`). Default 2000. */
  receiverRestartDelayMs?: number;
  /**
   * How long stopping the context waits for the receivers' `onStop` (and last blocks), in ms on the
   * context's clock; after it, the stop goes on without them and says so in a warning (Spark waits
   * 10 seconds for its receivers to deregister). Default 10000.
   */
  receiverStopTimeoutMs?: number;
  /**
   * Adapts each receiver's rate to how fast batches are processed, so scheduling delay stays
   * bounded (Spark: `spark.streaming.backpressure.enabled`). Default false.
   */
  backpressure?: boolean;
  /** With backpressure, each receiver's rate until the first estimate (Spark: `spark.streaming.backpressure.initialRate`). Default: no limit. */
  backpressureInitialRate?: number;
  /** The backpressure estimator's parameters. */
  backpressurePid?: PIDRateEstimatorOptions;
}

/** `ReceiverOptions` checked, with Spark's defaults filled in. */
export interface ReceiverConf {
  readonly blockIntervalMs: number;
  /** `Infinity` for no limit. */
  readonly maxRate: number;
  readonly restartDelayMs: number;
  readonly stopTimeoutMs: number;
  readonly backpressure: boolean;
  /** `Infinity` for no limit. */
  readonly initialRate: number;
  readonly pid: PIDRateEstimatorOptions;
}

/** Checks the options when the context is created, so a bad value fails at once, not at start. */
export function resolveReceiverOptions(options: ReceiverOptions): ReceiverConf {
  const blockIntervalMs = options.blockIntervalMs ?? 200;
  if (!Number.isSafeInteger(blockIntervalMs) || blockIntervalMs <= 0) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `StreamingContext: blockIntervalMs ${blockIntervalMs} is not a positive whole number of ms; use e.g. 200.`,
    );
  }
  return {
    blockIntervalMs,
    maxRate: rateOption('receiverMaxRate', options.receiverMaxRate),
    restartDelayMs: delayOption('receiverRestartDelayMs', options.receiverRestartDelayMs, 2000),
    stopTimeoutMs: delayOption('receiverStopTimeoutMs', options.receiverStopTimeoutMs, 10_000),
    backpressure: options.backpressure ?? false,
    initialRate: rateOption('backpressureInitialRate', options.backpressureInitialRate),
    pid: options.backpressurePid ?? {},
  };
}

/** A whole number of ms ≥ 0, or its default. */
function delayOption(name: string, ms: number | undefined, defaultMs: number): number {
  const value = ms ?? defaultMs;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError('INVALID_ARGUMENT', `StreamingContext: ${name} ${value} is not a whole number of ms ≥ 0; use e.g. ${defaultMs}.`);
  }
  return value;
}

/** A records-per-second option: Spark reads 0 or less as "no limit". */
function rateOption(name: string, rate: number | undefined): number {
  if (rate === undefined) return Number.POSITIVE_INFINITY;
  if (Number.isNaN(rate)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `StreamingContext: ${name} is NaN; pass records per second (e.g. 1000), or leave it out for no limit.`,
    );
  }
  return rate > 0 ? rate : Number.POSITIVE_INFINITY;
}
