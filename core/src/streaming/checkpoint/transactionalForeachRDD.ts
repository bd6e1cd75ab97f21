import { ValidationError } from '../../errors.js';
import type { RDD } from '../../rdd/internal.js';
import { ForEachDStream, type DStream } from '../dstream/internal.js';
import type { Time } from '../Time.js';

/** Options of `transactionalForeachRDD`. */
export interface TransactionalForeachOptions {
  /**
   * Names the sink in the checkpoint store's records: keep it the same across restarts, and give
   * two sinks of one program different names. Letters, digits, `.`, `_` and `-`.
   */
  readonly name: string;
  /** How many slides a commit is remembered for, so recovery can still skip it. Default 1000. */
  readonly retainBatches?: number;
}

/**
 * Like `stream.foreachRDD(fn)`, but each batch time is committed in the checkpoint store's durable
 * records once `fn` has completed, and a batch already committed is skipped — so the batches a
 * recovery runs again (pending and down-time ones) do not repeat outputs that were done. Needs
 * checkpointing (`ssc.checkpoint(...)`). Rivulet's addition; Spark's guide leaves this to the
 * user ("transactional updates" keyed by batch time).
 *
 * The contract: outputs are at least once, as with `foreachRDD`, and `time` is the same batch time
 * on every attempt. What this adds is that a batch whose commit was recorded never runs again; a
 * crash after `fn` completed but before its commit was stored still repeats it. For exactly once,
 * make `fn`'s write idempotent by `time` (an upsert keyed by the batch time), or commit it in the
 * same transaction as a marker of `time` in the target system.
 *
 *   batch t:  records.get(commit t)? ──yes──▶ skip
 *                          │no
 *                          ▼
 *             fn(rdd, t) ──▶ records.put(commit t) ──▶ forget commit t − retain
 */
export function transactionalForeachRDD<T>(
  stream: DStream<T>,
  fn: (rdd: RDD<T>, time: Time) => void | Promise<void>,
  options: TransactionalForeachOptions,
): void {
  new TransactionalForEachDStream(stream, fn, options).register();
}

/** The output stream of `transactionalForeachRDD`. */
class TransactionalForEachDStream<T> extends ForEachDStream<T> {
  private readonly sinkName: string;
  private readonly retainBatches: number;
  private hasCaughtUp = false;

  constructor(parent: DStream<T>, fn: (rdd: RDD<T>, time: Time) => void | Promise<void>, options: TransactionalForeachOptions) {
    // The job calls back into this stream, which does not exist yet while `super` runs.
    const self: { stream?: TransactionalForEachDStream<T> } = {};
    super(parent, (rdd, time) => self.stream!.runOnce(rdd, time, fn), 'transactionalForeachRDD');
    self.stream = this;
    if (!/^[A-Za-z0-9._-]+$/.test(options.name ?? '')) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `transactionalForeachRDD: name ${JSON.stringify(options.name)} must be letters, digits, '.', '_' or '-'; e.g. 'orders-sink'.`,
      );
    }
    const retain = options.retainBatches ?? 1000;
    if (!Number.isInteger(retain) || retain < 1) {
      throw new ValidationError('INVALID_ARGUMENT', `transactionalForeachRDD: retainBatches ${retain} is not a positive integer; use e.g. 1000.`);
    }
    this.sinkName = options.name;
    this.retainBatches = retain;
  }

  override fingerprintParams(): Readonly<Record<string, string>> {
    return { output: this.outputName, name: this.sinkName };
  }

  override validateAtStart(): void {
    if (this.context.checkpointDir === undefined) {
      throw new ValidationError(
        'CHECKPOINT_DIRECTORY_NOT_SET',
        `transactionalForeachRDD '${this.sinkName}' records its commits in the checkpoint store, but the checkpoint ` +
          'directory has not been set; call ssc.checkpoint(directory) before start().',
      );
    }
    super.validateAtStart();
  }

  private async runOnce(rdd: RDD<T>, time: Time, fn: (rdd: RDD<T>, time: Time) => void | Promise<void>): Promise<void> {
    const records = this.context.checkpointStore!.records;
    const key = this.commitKey(time.milliseconds);
    if ((await records.get(key)) !== undefined) {
      this.context.logger.info(`transactionalForeachRDD '${this.sinkName}': batch ${time} was committed before; skipping it`);
      return;
    }
    await fn(rdd, time);
    await records.put(key, JSON.stringify({ committedAtMs: this.context.clock.getTimeMillis() }));
    await this.forgetOldCommits(time.milliseconds);
  }

  /** Drops the commit `retainBatches` slides back; the first time, every older one (after a restart). */
  private async forgetOldCommits(timeMs: number): Promise<void> {
    const records = this.context.checkpointStore!.records;
    const thresholdMs = timeMs - this.retainBatches * this.slideDuration.milliseconds;
    if (this.hasCaughtUp) {
      await records.delete(this.commitKey(thresholdMs));
      return;
    }
    this.hasCaughtUp = true;
    const prefix = this.commitKey(undefined);
    for (const key of await records.keys(prefix)) {
      if (Number(key.slice(prefix.length)) <= thresholdMs) await records.delete(key);
    }
  }

  /** `commit/<name>/<time>`, the time zero-padded so keys sort by time; without a time, the prefix. */
  private commitKey(timeMs: number | undefined): string {
    const prefix = `commit/${this.sinkName}/`;
    return timeMs === undefined ? prefix : prefix + String(timeMs).padStart(16, '0');
  }
}
