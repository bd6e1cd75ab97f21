import { messageOf, ReceiverError } from '../../errors.js';
import type { Logger } from '../../util/Logger.js';
import type { Clock } from '../util/Clock.js';
import { RecurringTimer } from '../util/RecurringTimer.js';
import type { RateLimiter } from './RateLimiter.js';

/** Where a `BlockGenerator` sends its blocks and errors (Spark: `BlockGeneratorListener`). */
export interface BlockGeneratorListener<T> {
  /** A block is ready; the generator waits for a returned promise before cutting the next one. */
  onPushBlock(blockId: string, records: T[]): void | Promise<void>;
  onError(message: string, error: unknown): void;
}

/**
 * The name of a received block (Spark: `StreamBlockId.name`): the stream and the start of the
 * block interval it covers.
 */
export function streamBlockId(streamId: number, uniqueId: number): string {
  return `input-${streamId}-${uniqueId}`;
}

type GeneratorState = 'Initialized' | 'Active' | 'StoppedAddingData' | 'StoppedGeneratingBlocks' | 'StoppedAll';

const DONE: Promise<void> = Promise.resolve();

/**
 * Collects a receiver's stored records and cuts them into a block every `blockIntervalMs` on the
 * context's clock (Spark: `BlockGenerator`). Records are admitted through a `RateLimiter`: a store
 * over the limit waits on the clock, so a fast source is paced, never dropped.
 *
 *   clock:   0         200        400        600
 *   records  a b c     d e        (none)     f
 *   blocks             input-s-0  input-s-200           input-s-400 is never cut: it would be empty
 *                      [a b c]    [d e]
 *
 * Spark's `stop()` lets the timer make one more tick, which would make stopping wait for a
 * `ManualClock` to be advanced. Here `stop()` admits the stores already waiting for the limiter,
 * stops the timer and cuts the last block itself, so it completes without the clock moving.
 */
export class BlockGenerator<T> {
  private readonly timer: RecurringTimer;
  private state: GeneratorState = 'Initialized';
  private currentBuffer: T[] = [];
  private startTimeMs = 0;
  /** Stores waiting for the rate limiter; stopping admits them before the last block. */
  private readonly pendingAdds = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly listener: BlockGeneratorListener<T>,
    readonly receiverId: number,
    private readonly clock: Clock,
    readonly blockIntervalMs: number,
    readonly rateLimiter: RateLimiter,
    private readonly logger: Logger,
  ) {
    this.timer = new RecurringTimer(clock, blockIntervalMs, (time) => this.updateCurrentBuffer(time), 'BlockGenerator');
  }

  /** Starts cutting blocks (Spark: `BlockGenerator.start`). */
  start(): void {
    if (this.state !== 'Initialized') {
      throw new ReceiverError(
        'ILLEGAL_STATE',
        `BlockGenerator of stream ${this.receiverId} cannot start: it is ${this.state}; create a new one.`,
      );
    }
    this.state = 'Active';
    this.startTimeMs = this.timer.start();
  }

  /**
   * Stops accepting records, admits the stores already waiting, and pushes everything buffered
   * as a last block; settles once that block is pushed. Idempotent (Spark: `BlockGenerator.stop`).
   */
  stop(): Promise<void> {
    if (this.stopped) return this.stopped;
    if (this.state === 'Initialized') {
      this.state = 'StoppedAll';
      return (this.stopped = DONE);
    }
    this.state = 'StoppedAddingData';
    this.stopping.abort();
    this.stopped = (async () => {
      while (this.pendingAdds.size > 0) await Promise.all(this.pendingAdds);
      const lastCut = await this.timer.stop(true).catch(() => -1);
      this.state = 'StoppedGeneratingBlocks';
      // The block the timer would have cut next covers [lastCut, lastCut + interval).
      const uniqueId = lastCut >= 0 ? lastCut : this.startTimeMs - this.blockIntervalMs;
      await this.pushCurrentBuffer(uniqueId);
      this.state = 'StoppedAll';
    })();
    return this.stopped;
  }

  /** Buffers one record, waiting on the clock first when over the rate limit (Spark: `addData`). */
  addData(record: T): Promise<void> {
    this.assertActive();
    const at = this.rateLimiter.reserve(1);
    // Behind earlier waiting stores, wait too, so records keep the order they were stored in.
    if (at <= this.clock.getTimeMillis() && this.pendingAdds.size === 0) {
      this.currentBuffer.push(record);
      return DONE;
    }
    return this.admitLater([record], at);
  }

  /**
   * Buffers several records together, so they land in the same block, once the rate limiter
   * admits all of them (Spark: `addMultipleDataWithCallback`).
   */
  addMultipleData(records: readonly T[]): Promise<void> {
    this.assertActive();
    if (records.length === 0) return DONE;
    const at = this.rateLimiter.reserve(records.length);
    if (at <= this.clock.getTimeMillis() && this.pendingAdds.size === 0) {
      this.pushAll(records);
      return DONE;
    }
    return this.admitLater(records, at);
  }

  /**
   * Buffers records as an async iterable yields them, pulling the next one only once the rate
   * limiter admitted the last: the source itself is paced. Ends with the iterable; a record that
   * arrives after the generator stopped is refused with a `ReceiverError`.
   */
  async addIterable(records: AsyncIterable<T>): Promise<void> {
    this.assertActive();
    for await (const record of records) await this.addData(record);
  }

  isActive(): boolean {
    return this.state === 'Active';
  }

  isStopped(): boolean {
    return this.state === 'StoppedAll';
  }

  private admitLater(records: readonly T[], at: number): Promise<void> {
    const added = this.clock
      .waitTillTime(at, this.stopping.signal)
      // Aborted by stop(): admit anyway, so nothing handed to store() is lost.
      .catch((error: unknown) => {
        if (!this.stopping.signal.aborted) throw error;
      })
      .then(() => this.pushAll(records));
    const pending = added.then(
      () => undefined,
      () => undefined,
    );
    this.pendingAdds.add(pending);
    void pending.then(() => this.pendingAdds.delete(pending));
    return added;
  }

  private pushAll(records: readonly T[]): void {
    const buffer = this.currentBuffer;
    for (let i = 0; i < records.length; i++) buffer.push(records[i]!);
  }

  private assertActive(): void {
    if (this.state !== 'Active') {
      throw new ReceiverError(
        'RECEIVER_STOPPED',
        `Cannot add data to the BlockGenerator of stream ${this.receiverId}: it is ${this.state}, so the ` +
          'records were not stored; stop producing records once the receiver is stopped (check isStopped()).',
      );
    }
  }

  /** The timer's tick: the records buffered during [time − interval, time) become a block. */
  private updateCurrentBuffer(timeMs: number): Promise<void> {
    return this.pushCurrentBuffer(timeMs - this.blockIntervalMs);
  }

  private async pushCurrentBuffer(uniqueId: number): Promise<void> {
    if (this.currentBuffer.length === 0) return;
    const records = this.currentBuffer;
    this.currentBuffer = [];
    const blockId = streamBlockId(this.receiverId, uniqueId);
    try {
      await this.listener.onPushBlock(blockId, records);
    } catch (error) {
      // Spark: `reportError("Error in block pushing thread", e)`; the timer keeps running.
      const message = `Error pushing block ${blockId}: ${messageOf(error)}`;
      this.logger.error(message, error);
      this.listener.onError(message, error);
    }
  }
}
