/**
 * Real time, for the few things the host and its client do on the wall clock: pacing batches,
 * spacing event deliveries and the client's watchdog. The engine itself only ever reads its
 * `Clock`; tests inject a `RealTimer` they drive by hand.
 */
export interface RealTimer {
  /** Milliseconds on a monotonic clock (`performance.now()`). */
  now(): number;
  /** Calls `callback` once after `delayMs`; the handle cancels it. */
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The platform's timers: `performance.now`, `setTimeout`, `clearTimeout` (the same in Node, pages and workers). */
export const realTimer: RealTimer = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
