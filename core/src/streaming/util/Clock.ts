/**
 * The only source of time in the engine: batches are cut, and timers fire, by a Clock.
 * `SystemClock` reads real time; `ManualClock` moves only when told to (tests).
 * Spark: `org.apache.spark.util.Clock`.
 *
 * Contract:
 * - `getTimeMillis()` returns the current time in whole milliseconds. It never goes backwards
 *   on its own (only `ManualClock.setTime` may move it back).
 * - `waitTillTime(targetTime)` returns a promise that resolves once the clock reads at least
 *   `targetTime`, with the time the clock reads at that moment (so the value is ≥ `targetTime`).
 *   A target that has already passed resolves without waiting. It never resolves early.
 * - If `signal` aborts first, the promise rejects with `signal.reason` and the clock drops every
 *   resource held for the wait (no timer, no waiter entry) — this is how a `RecurringTimer` is
 *   interrupted and how `stop()` releases timers.
 * - `trackWork(work)` is optional. A virtual clock implements it to know when the work a wake-up
 *   started has finished, so that advancing it can wait for that work (see `ManualClock`). Real
 *   clocks leave it out; callers write `clock.trackWork?.(promise)`.
 */
export interface Clock {
  /** The current time in milliseconds (Spark: `Clock.getTimeMillis`). */
  getTimeMillis(): number;

  /** Resolves once the clock reads ≥ `targetTime`, with the time it reads (Spark: `Clock.waitTillTime`). */
  waitTillTime(targetTime: number, signal?: AbortSignal): Promise<number>;

  /**
   * Makes the clock treat `work` as part of the wake-up that is running, so that a
   * `ManualClock.advance` does not settle before `work` settles. The clock only watches
   * settlement; the caller still owns (and must handle) a rejection.
   */
  trackWork?(work: PromiseLike<unknown>): void;
}
