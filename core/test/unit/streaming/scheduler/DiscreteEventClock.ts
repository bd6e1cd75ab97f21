import type { Clock } from '../../../../src/streaming/util/Clock.js';

interface Waiter {
  readonly targetTime: number;
  readonly resolve: (time: number) => void;
  readonly release: () => void;
}

/** One macrotask turn: by then every pending microtask (promise continuation) has run. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A virtual clock for simulations in which work itself takes clock time — a job that "processes"
 * a batch for 300 ms by waiting 300 ms on the clock — test-only.
 *
 * `ManualClock` cannot host that: its `advance()` settles only once the jobs it woke have finished
 * (`trackWork`), and a job that waits for the clock to move would never finish. This clock has no
 * `trackWork`. Instead `advanceTo(t)` wakes the due waiters one at a time, earliest target first
 * (ties in registration order), **setting the time to each waiter's own target** — every event
 * happens at its exact time, as in a discrete-event simulation — and after each wake-up yields one
 * macrotask (`setImmediate`). A macrotask runs only once the microtask queue is empty, so by then
 * the woken code and everything it chained has run. The engine itself uses no macrotasks (no real
 * timers, no I/O), so this is exactly "everything that can run has run": deterministic, no real time.
 */
export class DiscreteEventClock implements Clock {
  private time: number;
  private readonly waiters: Waiter[] = [];

  constructor(startTimeMs = 0) {
    this.time = startTimeMs;
  }

  getTimeMillis(): number {
    return this.time;
  }

  waitTillTime(targetTime: number, signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (targetTime <= this.time) return Promise.resolve(this.time);
    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = { targetTime, resolve, release: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      let index = this.waiters.length;
      while (index > 0 && this.waiters[index - 1]!.targetTime > targetTime) index--;
      this.waiters.splice(index, 0, waiter);
    });
  }

  /** Runs every event up to and including `targetTime`, each at its own time, then reads `targetTime`. */
  async advanceTo(targetTime: number): Promise<void> {
    for (;;) {
      await macrotask();
      const next = this.waiters[0];
      if (next === undefined || next.targetTime > targetTime) break;
      this.waiters.shift();
      next.release();
      this.time = Math.max(this.time, next.targetTime);
      next.resolve(this.time);
    }
    this.time = Math.max(this.time, targetTime);
    await macrotask();
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.time + ms);
  }

  /** Waits still registered (woken or aborted ones are gone). */
  get waiterCount(): number {
    return this.waiters.length;
  }
}
