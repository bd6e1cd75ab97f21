import type { RealTimer } from './RealTimer.js';

/** An activity the watchdog is timing; `end()` it when it finishes. */
export interface WatchedActivity {
  end(): void;
}

/**
 * Times activities on a real timer and calls `onExpired` with the first one that outlives
 * `limitMs`. The page-side client uses it to notice a worker stuck in a user function: such a
 * worker cannot answer anything, so only the page's own clock can tell.
 */
export class Watchdog {
  private readonly active = new Set<unknown>();

  constructor(
    private readonly timer: RealTimer,
    readonly limitMs: number,
    private readonly onExpired: (description: string) => void,
  ) {}

  /** Starts timing `description` (e.g. `batch 3000 ms`). */
  begin(description: string): WatchedActivity {
    const handle = this.timer.setTimeout(() => {
      this.active.delete(handle);
      this.onExpired(description);
    }, this.limitMs);
    this.active.add(handle);
    return {
      end: () => {
        if (!this.active.delete(handle)) return;
        this.timer.clearTimeout(handle);
      },
    };
  }

  /** Cancels every running timer. */
  clear(): void {
    for (const handle of this.active) this.timer.clearTimeout(handle);
    this.active.clear();
  }
}
