import type { CheckpointStore } from '../../checkpoint/CheckpointStore.js';
import { CheckpointError, messageOf } from '../../errors.js';
import type { Logger } from '../../util/Logger.js';
import type { StreamingListenerEvent } from '../scheduler/StreamingListener.js';
import { Time } from '../Time.js';
import type { Clock } from '../util/Clock.js';

/** What the writer needs from the engine; the `JobScheduler` provides it. */
export interface CheckpointWriterHost {
  readonly clock: Clock;
  readonly logger: Logger;
  post(event: StreamingListenerEvent): void;
  /** Logs an error and sends it to `awaitTermination` (and, with `stopOnError`, stops the context). */
  reportError(message: string, error: unknown): void;
}

interface PendingWrite {
  readonly time: number;
  readonly parts: ReadonlyMap<string, string>;
  /** Run once this checkpoint, or a later one that replaced it in the queue, is written. */
  readonly afterWrite: readonly (() => Promise<void>)[];
}

/** Spark: `CheckpointWriter.MAX_ATTEMPTS`. */
const MAX_ATTEMPTS = 3;

/**
 * Writes metadata checkpoints to the store one at a time, off the JobGenerator's loop (Spark:
 * `CheckpointWriter` and its single-thread executor). A checkpoint still waiting when a newer one
 * arrives is skipped — the newer one says everything it said — but what was to run after it (the
 * write-ahead-log cleanup) runs after the newer one.
 *
 * A write is tried three times. A checkpoint that still fails is never dropped silently: it is
 * logged, posted to listeners as `checkpointFailed`, and reported like a failed batch (it rejects
 * `awaitTermination`; with `stopOnError` it stops the context). Otherwise the context keeps
 * running — batches are still processed, and the next checkpoint tries again. Spark only logs a
 * warning.
 */
export class CheckpointWriter {
  private next: PendingWrite | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    readonly store: CheckpointStore,
    private readonly host: CheckpointWriterHost,
  ) {}

  /** Queues the checkpoint of batch time `time`; `afterWrite` runs once it (or a newer one) is written. */
  write(time: Time, parts: ReadonlyMap<string, string>, afterWrite?: () => Promise<void>): void {
    const carried = this.next?.afterWrite ?? [];
    this.next = { time: time.milliseconds, parts, afterWrite: afterWrite ? [...carried, afterWrite] : carried };
    if (!this.draining) {
      this.draining = this.drain();
      // A ManualClock's advance settles only once the checkpoints its batches wrote are stored.
      this.host.clock.trackWork?.(this.draining);
    }
  }

  /** Settles once every queued checkpoint is written or has failed (Spark: `CheckpointWriter.stop`). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      for (let pending = this.next; pending; pending = this.next) {
        this.next = undefined;
        await this.writeOne(pending);
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async writeOne(pending: PendingWrite): Promise<void> {
    const time = new Time(pending.time);
    let lastError: unknown;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        await this.store.write(pending.time, pending.parts);
        this.host.logger.debug(`Checkpoint for time ${time} written to ${this.store.name}`);
        this.host.post({ type: 'checkpointWritten', time });
        for (const after of pending.afterWrite) {
          await after().catch((error: unknown) =>
            this.host.reportError(`Error cleaning up after the checkpoint for time ${time}: ${messageOf(error)}`, error),
          );
        }
        return;
      } catch (error) {
        lastError = error;
        this.host.logger.warn(`Error in attempt ${attempt} of writing the checkpoint for time ${time} to ${this.store.name}`, error);
      }
    }
    const error =
      lastError instanceof CheckpointError
        ? lastError
        : new CheckpointError(
            'CHECKPOINT_WRITE_FAILED',
            `Could not write the checkpoint for time ${time} to ${this.store.name} after ${MAX_ATTEMPTS} attempts: ` +
              `${messageOf(lastError)}; batches keep running and the next checkpoint tries again.`,
            { cause: lastError },
          );
    this.host.post({ type: 'checkpointFailed', time, error });
    this.host.reportError(`Could not write the checkpoint for time ${time}`, error);
  }
}
