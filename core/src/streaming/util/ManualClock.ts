import { ValidationError } from '../../errors.js';
import type { Clock } from './Clock.js';

/**
 * How many microtask turns the clock yields after each wake-up (and before it reports idle), so
 * that continuations which do not track their work — a few chained `await`s — still run first.
 */
const SETTLE_TURNS = 16;

interface Waiter {
  readonly targetTime: number;
  readonly promise: Promise<number>;
  readonly resolve: (time: number) => void;
  /** Detaches the abort listener once the waiter is woken. */
  readonly release: () => void;
}

/**
 * A clock that moves only when told to, for deterministic tests: no real timers at all.
 * Spark: `org.apache.spark.util.ManualClock`.
 *
 * Moving it (`advance`, `setTime`) wakes the due waiters and returns a promise that settles once
 * the clock is **idle**, which guarantees:
 * 1. Every waiter whose target is ≤ the new time has been woken — one at a time, earliest target
 *    first, ties in registration order — including waiters registered while this runs and
 *    already due (a `RecurringTimer` catching up several periods in one `advance`).
 * 2. Between two wake-ups, and before settling: the continuation attached to the woken waiter's
 *    promise (`await clock.waitTillTime(t)` or `.then`) has run; the clock has then yielded a
 *    fixed number of microtask turns; and every promise passed to `trackWork` has settled
 *    (repeated until none is pending). `RecurringTimer` tracks each callback's promise this way,
 *    so `await clock.advance(3 * period)` returns after its three callbacks have completed.
 * 3. Only the microtask queue is used (no macrotask, timer or real time), so runs are repeatable.
 *
 * Not covered: work that is neither tracked nor done within those turns (real timers, I/O).
 * Work the clock waits for must not itself await `advance`/`whenIdle` (that would deadlock).
 */
export class ManualClock implements Clock {
  private time: number;
  /** Sorted by target time, ties in registration order. */
  private readonly waiters: Waiter[] = [];
  private readonly work = new Set<Promise<void>>();
  private pump: Promise<void> | undefined;

  /** A clock reading `startTimeMs` (default 0) (Spark: `new ManualClock(time)`). */
  constructor(startTimeMs = 0) {
    this.time = requireMillis(startTimeMs, 'start time');
  }

  /** The time the clock reads, in ms (Spark: `ManualClock.getTimeMillis`). */
  getTimeMillis(): number {
    return this.time;
  }

  /**
   * Sets the time (it may move backwards) and wakes the waiters now due; the promise settles once
   * the clock is idle, as described on the class (Spark: `ManualClock.setTime`).
   */
  setTime(timeToSet: number): Promise<void> {
    this.time = requireMillis(timeToSet, 'time');
    return this.whenIdle();
  }

  /**
   * Moves the time `timeToAdd` ms forward and wakes the waiters now due; the promise settles once
   * the clock is idle, as described on the class (Spark: `ManualClock.advance`).
   */
  advance(timeToAdd: number): Promise<void> {
    if (!Number.isSafeInteger(timeToAdd) || timeToAdd < 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `ManualClock.advance: ${timeToAdd} is not a non-negative whole number of ms; ` +
          'advance by an integer ≥ 0, or use setTime to move the clock back.',
      );
    }
    this.time += timeToAdd;
    return this.whenIdle();
  }

  /**
   * Resolves with the clock's time once someone moves it to ≥ `targetTime`; a target already
   * reached resolves on the next wake-up round without a move (Spark: `ManualClock.waitTillTime`).
   */
  waitTillTime(targetTime: number, signal?: AbortSignal): Promise<number> {
    if (Number.isNaN(targetTime)) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        'ManualClock.waitTillTime: the target time is NaN; pass a number of milliseconds.',
      );
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    let resolve!: (time: number) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<number>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const onAbort = (): void => {
      this.removeWaiter(waiter);
      reject(signal?.reason);
    };
    const waiter: Waiter = {
      targetTime,
      promise,
      resolve,
      release: () => signal?.removeEventListener('abort', onAbort),
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let index = this.waiters.length;
    while (index > 0 && this.waiters[index - 1]!.targetTime > targetTime) index--;
    this.waiters.splice(index, 0, waiter);
    if (targetTime <= this.time) void this.whenIdle();
    return promise;
  }

  /** Makes the current wake-up round wait for `work` to settle; see `Clock.trackWork`. */
  trackWork(work: PromiseLike<unknown>): void {
    const forget = (): void => {
      this.work.delete(settled);
    };
    const settled: Promise<void> = Promise.resolve(work).then(forget, forget);
    this.work.add(settled);
  }

  /**
   * Settles once no waiter is due and no tracked work is pending, waking due waiters on the way;
   * `advance(ms)` is `time += ms` followed by this.
   */
  whenIdle(): Promise<void> {
    this.pump ??= this.runPump();
    return this.pump;
  }

  /** How many `waitTillTime` calls are still waiting (woken or aborted ones are gone). */
  get waiterCount(): number {
    return this.waiters.length;
  }

  /** Wakes due waiters one at a time, letting each one's work finish before the next. */
  private async runPump(): Promise<void> {
    for (;;) {
      await this.settle();
      const waiter = this.waiters[0];
      if (waiter === undefined || waiter.targetTime > this.time) {
        // Cleared in the same turn as the last check, so a later move starts a fresh round.
        this.pump = undefined;
        return;
      }
      this.waiters.shift();
      waiter.release();
      waiter.resolve(this.time);
      // Reactions run in the order they were attached: the waiter's own continuation (attached
      // when it started waiting) runs before this one, so its trackWork calls are seen below.
      await waiter.promise;
    }
  }

  /** Yields a few microtask turns, then waits for tracked work, until nothing is pending. */
  private async settle(): Promise<void> {
    for (;;) {
      for (let turn = 0; turn < SETTLE_TURNS; turn++) await undefined;
      if (this.work.size === 0) return;
      await Promise.all(this.work);
    }
  }

  private removeWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}

function requireMillis(ms: number, what: string): number {
  if (!Number.isSafeInteger(ms)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `ManualClock: ${what} ${ms} is not a whole number of milliseconds; use an integer such as 0 or 1000.`,
    );
  }
  return ms;
}
