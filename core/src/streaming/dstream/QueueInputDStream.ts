import { RivuletError } from '../../errors.js';
import type { RDD } from '../../rdd/internal.js';
import type { StreamingContext } from '../StreamingContext.js';
import type { Time } from '../Time.js';
import { InputDStream } from './internal.js';

/** What a queue stream checkpoints: entries taken so far, and the entries each remembered batch took. */
interface QueuePosition {
  readonly consumed: number;
  /** `[batchTimeMs, firstEntry, endEntry]`: the batch took entries [first, end) (none: the default RDD). */
  readonly batches: readonly (readonly [number, number, number])[];
}

/**
 * Takes RDDs from a queue (an array the program keeps pushing to): one per batch, or all queued
 * ones at once; `defaultRDD` (or an empty RDD) when it is empty (Spark: `QueueInputDStream`).
 *
 * Checkpointing: Spark refuses to recover a queue stream ("queueStream doesn't support
 * checkpointing"), since the RDDs in it cannot be saved. Rivulet records positions instead — how
 * many entries were taken, and which entries each remembered batch took — so a rebuilt program
 * that pushes the **same entries in the same order** (a test, a replayable source) recovers
 * exactly: the entries taken before the checkpoint are skipped as they are pushed again, except
 * those the restored batches need to be recomputed, and later batches continue from there.
 *
 *   before the crash:   entries 0 1 2 3 4 | 5 6 …      consumed = 5, batch 5000 took [4, 5)
 *   rebuilt program:    pushes  0 1 2 3 4 5 6 …
 *   after recovery:     0–3 skipped, 4 kept for batch 5000 if it is recomputed, 5 goes to the next batch
 */
export class QueueInputDStream<T> extends InputDStream<T> {
  readonly className = 'QueueInputDStream';
  /** The position in the sequence of pushed entries of `queue[0]`. */
  private nextIndex = 0;
  /** The entries each remembered batch took, by batch time in ms. */
  private readonly batchEntries = new Map<number, readonly [number, number]>();
  /** After recovery: entries below this were taken before the checkpoint. */
  private replayUntil = 0;
  /** After recovery: entries taken before the checkpoint that a restored batch needs, by position. */
  private readonly replayed = new Map<number, RDD<T>>();
  private warnedAboutMissingEntries = false;

  constructor(
    context: StreamingContext,
    private readonly queue: RDD<T>[],
    private readonly oneAtATime: boolean,
    private readonly defaultRDD: RDD<T> | undefined,
  ) {
    super(context);
  }

  start(): void {}

  stop(): void {}

  override fingerprintParams(): Readonly<Record<string, boolean>> {
    return { oneAtATime: this.oneAtATime, defaultRDD: this.defaultRDD !== undefined };
  }

  compute(validTime: Time): RDD<T> {
    this.skipReplayedEntries();
    const recorded = this.batchEntries.get(validTime.milliseconds);
    if (recorded) return this.recomputed(validTime, recorded);
    if (this.nextIndex < this.replayUntil) {
      this.warnMissingEntries();
      return this.take(validTime, 0);
    }
    if (this.queue.length === 0) return this.take(validTime, 0);
    return this.take(validTime, this.oneAtATime ? 1 : this.queue.length);
  }

  override clearMetadata(time: Time): void {
    super.clearMetadata(time);
    // By time, as DStream.clearMetadata does: a restored batch not computed yet must stay.
    const threshold = time.milliseconds - this.rememberDuration!.milliseconds;
    for (const ms of this.batchEntries.keys()) if (ms <= threshold) this.batchEntries.delete(ms);
    if (this.replayed.size === 0) return;
    const needed = new Set<number>();
    for (const [first, end] of this.batchEntries.values()) for (let i = first; i < end; i++) needed.add(i);
    for (const index of this.replayed.keys()) if (!needed.has(index)) this.replayed.delete(index);
  }

  override checkpointPosition(): QueuePosition {
    const batches = [...this.batchEntries].map(([ms, [first, end]]) => [ms, first, end] as const);
    return { consumed: Math.max(this.nextIndex, this.replayUntil), batches };
  }

  override restorePosition(position: unknown): void {
    const { consumed, batches } = position as QueuePosition;
    this.replayUntil = consumed;
    for (const [ms, first, end] of batches) this.batchEntries.set(ms, [first, end]);
  }

  /** Takes `count` entries from the queue for a new batch, and records which. */
  private take(validTime: Time, count: number): RDD<T> {
    const first = this.nextIndex;
    const taken = this.queue.splice(0, count);
    this.nextIndex += taken.length;
    this.batchEntries.set(validTime.milliseconds, [first, this.nextIndex]);
    if (taken.length === 0) return this.defaultRDD ?? this.context.rddContext.emptyRDD();
    return this.oneAtATime ? taken[0] : this.context.rddContext.union(taken);
  }

  /** A batch cut before the checkpoint, computed again from the entries it took then. */
  private recomputed(validTime: Time, [first, end]: readonly [number, number]): RDD<T> {
    if (first === end) return this.defaultRDD ?? this.context.rddContext.emptyRDD();
    const entries: RDD<T>[] = [];
    for (let i = first; i < end; i++) {
      const entry = this.replayed.get(i);
      if (!entry) {
        throw new RivuletError(
          'BATCH_FAILED',
          `${this}: batch ${validTime} took queue entries ${first}–${end - 1} before the restart, but the rebuilt ` +
            `program has pushed only ${this.nextIndex} entries; push the same RDDs, in the same order, before start().`,
        );
      }
      entries.push(entry);
    }
    return entries.length === 1 ? entries[0] : this.context.rddContext.union(entries);
  }

  /** Moves the entries pushed again after a restart out of the queue, keeping those restored batches need. */
  private skipReplayedEntries(): void {
    if (this.nextIndex >= this.replayUntil) return;
    const needed = new Set<number>();
    for (const [first, end] of this.batchEntries.values()) for (let i = first; i < end; i++) needed.add(i);
    while (this.nextIndex < this.replayUntil && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      if (needed.has(this.nextIndex)) this.replayed.set(this.nextIndex, entry);
      this.nextIndex++;
    }
  }

  private warnMissingEntries(): void {
    if (this.warnedAboutMissingEntries) return;
    this.warnedAboutMissingEntries = true;
    this.context.logger.warn(
      `${this}: ${this.replayUntil} queue entries were taken before the restart, but the rebuilt program has pushed ` +
        `only ${this.nextIndex}; new batches stay empty until it has pushed them again.`,
    );
  }
}
