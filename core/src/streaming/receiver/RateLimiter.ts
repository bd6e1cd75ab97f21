import type { Clock } from '../util/Clock.js';

/** Slots left unused while a source was idle are kept for at most this long (Guava's `maxBurstSeconds`). */
const MAX_BURST_MS = 1000;

/**
 * Paces a receiver to at most `rate` records per second on the context's clock (Spark:
 * `receiver.RateLimiter`, backed by Guava's `RateLimiter`). Nothing is dropped: a caller over the
 * limit is told how long to wait.
 *
 * It keeps a schedule of slots 1000/rate ms apart, as Guava's SmoothBursty does. A request for n
 * records takes the next free slot — at once if that slot has passed — and pushes the following
 * one n slots further ("pay later", so the first request after a pause never waits). Slots missed
 * while the source was idle are kept for at most one second, so a source may catch up at most a
 * second's worth of records in a burst, never more:
 *
 *   rate 100/s:   slot 0 ─── 10 ─── 20 ─── 30 ...
 *   reserve(1) at t=0 → 0 (go),  reserve(1) at t=0 → 10 (wait),  reserve(2) at t=0 → 20 (wait; next slot 40)
 */
export class RateLimiter {
  /** Records per second; `Infinity` for no limit. */
  private rate: number;
  /** When the next slot is free, in ms (fractional: slots need not fall on whole milliseconds). */
  private nextFreeMs: number;

  /**
   * A limiter capped at `maxRate` records/s (`Infinity`: no cap) that starts at `initialRate`,
   * itself capped by `maxRate` (Spark: `spark.streaming.receiver.maxRate` and `backpressure.initialRate`).
   */
  constructor(
    private readonly clock: Clock,
    readonly maxRate: number = Number.POSITIVE_INFINITY,
    initialRate: number = Number.POSITIVE_INFINITY,
  ) {
    this.rate = Math.min(initialRate, maxRate);
    this.nextFreeMs = clock.getTimeMillis();
  }

  /** The current limit in records per second; `Infinity` when there is none (Spark: `getCurrentLimit`, `Long.MaxValue`). */
  getCurrentLimit(): number {
    return this.rate;
  }

  /**
   * Sets the limit to `newRate`, never above `maxRate`; 0 or less is ignored (Spark:
   * `RateLimiter.updateRate`). Callers already waiting keep their slots.
   */
  updateRate(newRate: number): void {
    if (newRate > 0) this.rate = Math.min(newRate, this.maxRate);
  }

  /**
   * Reserves slots for `permits` records and returns the clock time (whole ms) from which they may
   * be pushed; a time ≤ now means at once. The caller waits on the clock until then (Spark: `waitToPush`).
   */
  reserve(permits: number): number {
    const now = this.clock.getTimeMillis();
    if (this.rate === Number.POSITIVE_INFINITY) return now;
    const at = Math.max(this.nextFreeMs, now - MAX_BURST_MS);
    this.nextFreeMs = at + (permits * 1000) / this.rate;
    return Math.ceil(at);
  }
}
