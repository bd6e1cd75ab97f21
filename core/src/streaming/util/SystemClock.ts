import type { Clock } from './Clock.js';

/** setTimeout's longest delay (2^31 − 1 ms); longer waits are taken in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Real wall-clock time: `Date.now()`, waiting with `setTimeout` (the only real waiting in the
 * engine). Spark: `org.apache.spark.util.SystemClock`.
 */
export class SystemClock implements Clock {
  /** `Date.now()` (Spark: `SystemClock.getTimeMillis`). */
  getTimeMillis(): number {
    return Date.now();
  }

  /**
   * Resolves with `Date.now()` once it is ≥ `targetTime`; a timer may fire a little early, so it
   * re-checks and waits again for the rest (Spark: `SystemClock.waitTillTime`).
   * Aborting `signal` clears the pending timer and rejects with `signal.reason`.
   */
  waitTillTime(targetTime: number, signal?: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let handle: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => {
        clearTimeout(handle);
        reject(signal?.reason);
      };
      const check = (): void => {
        const now = Date.now();
        if (now >= targetTime) {
          signal?.removeEventListener('abort', onAbort);
          resolve(now);
          return;
        }
        handle = setTimeout(check, Math.min(targetTime - now, MAX_TIMEOUT_MS));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }
}
