/**
 * Runs asynchronous tasks with at most `concurrency` in flight, in submission order. `clear()`
 * drops tasks that have not started; their promises resolve with `undefined` so nobody waits forever.
 */
export class SerialQueue {
  private readonly pending: { run: () => Promise<void>; done: () => void }[] = [];
  private running = 0;

  constructor(private readonly concurrency = 1) {}

  /** Settles when the task has run (or was dropped); never rejects: tasks handle their own errors. */
  submit(task: () => Promise<void>): Promise<void> {
    return new Promise<void>((done) => {
      this.pending.push({ run: task, done });
      this.next();
    });
  }

  /** Drops the tasks that have not started. */
  clear(): void {
    for (const { done } of this.pending.splice(0)) done();
  }

  get size(): number {
    return this.pending.length + this.running;
  }

  private next(): void {
    while (this.running < this.concurrency && this.pending.length > 0) {
      const { run, done } = this.pending.shift()!;
      this.running++;
      run()
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          done();
          this.next();
        });
    }
  }
}
