import { IllegalStateError, ValidationError } from '../../errors.js';
import type { Clock } from './Clock.js';

/**
 * Calls `callback(timeMs)` at each multiple of `periodMs` from its start time on, by `clock`:
 * in order, one at a time, never skipping a period. JobGenerator cuts batches with one.
 * Spark: `org.apache.spark.streaming.util.RecurringTimer`.
 *
 * Each period it waits on the clock for the next time, calls the callback with that time and, if
 * the callback returns a promise, waits for it before the next period. A slow callback delays
 * later ones but never overlaps or skips them: overdue periods then run back to back.
 *
 * On a clock with `trackWork` (ManualClock), each wake-up is tracked from the moment it is woken
 * until the timer waits again (after the callback's promise settled) or ends. So
 * `await clock.advance(3 * periodMs)` settles only after three callbacks have completed:
 *
 *   advance(3p): wake p ─ cb(p) … settled ─ wake 2p ─ cb(2p) … settled ─ wake 3p ─ cb(3p) … settled ─▶ idle
 *   timer waits:  for p                     for 2p                      for 3p                      for 4p
 */
export class RecurringTimer {
  private prevTime = -1;
  private nextTime = -1;
  private stopped = false;
  private loopDone: Promise<void> | undefined;
  private readonly interrupter = new AbortController();
  private endTurn: (() => void) | undefined;

  /**
   * A timer that is not running yet; `start` runs it. `name` appears in messages.
   * Spark: `new RecurringTimer(clock, period, callback, name)`.
   */
  constructor(
    readonly clock: Clock,
    readonly periodMs: number,
    private readonly callback: (timeMs: number) => void | Promise<void>,
    readonly name: string,
  ) {
    if (!Number.isSafeInteger(periodMs) || periodMs <= 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `RecurringTimer '${name}': period ${periodMs} is not a positive whole number of ms; use an integer ≥ 1.`,
      );
    }
  }

  /**
   * The time it fires first if started now: the next multiple of the period strictly after the
   * clock's time (Spark: `RecurringTimer.getStartTime`).
   */
  getStartTime(): number {
    return (Math.floor(this.clock.getTimeMillis() / this.periodMs) + 1) * this.periodMs;
  }

  /**
   * The time it fires first if restarted now, keeping the phase of `originalStartTime`: the next
   * `originalStartTime + k × period` strictly after the clock's time (Spark: `getRestartTime`).
   */
  getRestartTime(originalStartTime: number): number {
    const gap = this.clock.getTimeMillis() - originalStartTime;
    return (Math.floor(gap / this.periodMs) + 1) * this.periodMs + originalStartTime;
  }

  /**
   * Starts the loop at `startTime` (default `getStartTime()`) and returns it; the first wait is
   * registered before this returns. A timer starts once (Spark: `RecurringTimer.start`).
   */
  start(startTime: number = this.getStartTime()): number {
    if (this.loopDone !== undefined || this.stopped) {
      throw new IllegalStateError(
        'TIMER_ALREADY_STARTED',
        `RecurringTimer '${this.name}' was already ${this.stopped ? 'stopped' : 'started'}; ` +
          'create a new RecurringTimer to run it again.',
      );
    }
    if (!Number.isSafeInteger(startTime)) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `RecurringTimer '${this.name}': start time ${startTime} is not a whole number of ms; use an integer.`,
      );
    }
    this.nextTime = startTime;
    this.loopDone = this.loop();
    return startTime;
  }

  /** Whether `stop` was called or the callback failed (Spark: `RecurringTimer.isStopped`). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Stops the timer and resolves with the last time the callback completed (−1 if never).
   * `interruptTimer = false` lets the timer make one more callback after the period it waits for,
   * so the promise settles only once the clock reaches that time (SPARK-10224); `true` abandons
   * the wait at once (a callback already running is still awaited). Rejects with the callback's
   * error if a callback failed (Spark: `RecurringTimer.stop`).
   */
  async stop(interruptTimer: boolean): Promise<number> {
    this.stopped = true;
    if (interruptTimer) this.interrupter.abort();
    await this.loopDone;
    return this.prevTime;
  }

  /**
   * Runs until stopped. A failing callback stops the timer and rejects the loop's promise, which
   * `stop()` rethrows; until then it is an unhandled rejection, never a silent one.
   */
  private async loop(): Promise<void> {
    try {
      while (!this.stopped) {
        if (!(await this.triggerActionForNextInterval())) return;
      }
      // SPARK-10224: one more callback after `stop(false)`, as the caller was promised.
      await this.triggerActionForNextInterval();
    } catch (error) {
      this.stopped = true;
      throw error;
    } finally {
      this.finishTurn();
    }
  }

  /** Waits for `nextTime`, runs the callback for it; false if the wait was interrupted. */
  private async triggerActionForNextInterval(): Promise<boolean> {
    const woken = this.clock.waitTillTime(this.nextTime, this.interrupter.signal);
    // The next wait is registered: the previous wake-up's work is complete.
    this.finishTurn();
    try {
      await woken;
    } catch (error) {
      if (this.interrupter.signal.aborted) return false;
      throw error;
    }
    this.beginTurn();
    const result = this.callback(this.nextTime);
    if (result !== undefined) await result;
    this.prevTime = this.nextTime;
    this.nextTime += this.periodMs;
    return true;
  }

  /** Tells a virtual clock that this wake-up's work runs until `finishTurn`. */
  private beginTurn(): void {
    this.clock.trackWork?.(
      new Promise<void>((resolve) => {
        this.endTurn = resolve;
      }),
    );
  }

  private finishTurn(): void {
    this.endTurn?.();
    this.endTurn = undefined;
  }
}
