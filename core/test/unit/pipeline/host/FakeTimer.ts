import type { RealTimer } from '../../../../src/pipeline/host/RealTimer.ts';

interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

/** A `RealTimer` that moves only when told to; `advance` runs due callbacks in time order. */
export class FakeTimer implements RealTimer {
  private time = 0;
  private seq = 0;
  private tasks: Task[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, delayMs: number): unknown {
    const task = { at: this.time + Math.max(0, delayMs), seq: this.seq++, run };
    this.tasks.push(task);
    return task;
  }

  clearTimeout(handle: unknown): void {
    this.tasks = this.tasks.filter((t) => t !== handle);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.tasks.length;
  }

  /** Moves time forward by `ms`, running each due callback (and letting its promises settle) in order. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const due = this.tasks.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((t) => t !== due);
      this.time = due.at;
      due.run();
    }
    this.time = target;
    await settle();
  }
}

/** Lets pending promise reactions (and message events between threads' ports) run. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
