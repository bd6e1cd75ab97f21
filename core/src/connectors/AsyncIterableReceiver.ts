import type { StorageLevel } from '../rdd/StorageLevel.js';
import { Receiver } from '../streaming/receiver/Receiver.js';

/**
 * Drains an async iterable into a stream (Rivulet's addition; the JavaScript counterpart of a
 * Spark custom receiver reading an iterator). It pulls the next record only once `store` accepted
 * the last, so a rate limit or backpressure slows the iterable itself. An iterator cannot be
 * rewound, so it never restarts: when the iterable ends the receiver stops (what it stored still
 * gets its batch), and when it throws the receiver stops with that error. Stopping the context
 * calls the iterator's `return()`, so a generator's `finally` blocks run.
 *
 * An iterable that never waits for real I/O keeps the thread busy: give the context a
 * `receiverMaxRate`, as for any in-memory source. Its graph fingerprint is its class name alone:
 * an iterable has no parameters to compare.
 */
export class AsyncIterableReceiver<T> extends Receiver<T> {
  private iterator: AsyncIterator<T> | undefined;
  /** Aborted by `onStop`, ending this start's pulling loop. */
  private running: AbortController | undefined;
  private finished = false;

  constructor(
    private readonly iterable: AsyncIterable<T>,
    storageLevel?: StorageLevel,
  ) {
    super(storageLevel);
  }

  onStart(): void {
    this.iterator ??= this.iterable[Symbol.asyncIterator]();
    const running = new AbortController();
    this.running = running;
    void this.pull(this.iterator, running.signal);
  }

  onStop(): void {
    this.running?.abort();
    this.running = undefined;
    // Not awaited: a generator suspended in an `await` finishes its return() only after that await.
    const iterator = this.iterator;
    if (iterator?.return && !this.finished) {
      this.finished = true;
      iterator.return().catch(() => undefined);
    }
  }

  private async pull(iterator: AsyncIterator<T>, signal: AbortSignal): Promise<void> {
    try {
      for (;;) {
        const next = await iterator.next();
        if (signal.aborted) return;
        if (next.done) {
          this.finished = true;
          this.stop('The async iterable ended');
          return;
        }
        await this.store(next.value);
        if (signal.aborted) return;
      }
    } catch (error) {
      if (signal.aborted) return;
      this.finished = true;
      this.stop('The async iterable failed', error);
    }
  }
}
