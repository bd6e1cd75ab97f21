import type { Logger } from '../../util/Logger.js';
import { ReceiverInputDStream } from '../dstream/internal.js';
import { resolveReceiverOptions, type ReceiverConf, type ReceiverOptions } from '../receiver/ReceiverOptions.js';
import { ReceiverSupervisor, type ReceiverSupervisorHost } from '../receiver/ReceiverSupervisor.js';
import { Time } from '../Time.js';
import type { Clock } from '../util/Clock.js';
import type { JobScheduler } from './JobScheduler.js';
import { ReceivedBlockTracker, type ReceivedBlockInfo } from './ReceivedBlockTracker.js';
import { replayReceivedBlockEvents, type ReceivedBlockEvent, type ReceivedBlockLog } from './ReceivedBlockLog.js';
import type { StreamingListenerEvent } from './StreamingListener.js';

/**
 * Runs the receivers of a context's receiver streams (Spark: `ReceiverTracker`): starts one
 * supervisor per receiver when the context starts, collects the blocks they push, allocates them
 * to batches, forwards rate updates, and stops the receivers — awaiting their `onStop` and their
 * last block — when the context stops. Receivers run on the engine's thread, so where Spark sends
 * messages between driver and executors this makes calls.
 */
export class ReceiverTracker implements ReceiverSupervisorHost {
  readonly conf: ReceiverConf;
  readonly receivedBlockTracker: ReceivedBlockTracker;
  private readonly supervisors = new Map<number, ReceiverSupervisor<unknown>>();
  private stopping: Promise<void> | undefined;
  /** The write-ahead log of received blocks, when the context's `writeAheadLog` option is on. */
  private blockLog: ReceivedBlockLog | undefined;

  /** Checks the receiver options at once, so a bad value fails when the context is created. */
  constructor(
    private readonly scheduler: JobScheduler,
    options: ReceiverOptions,
  ) {
    this.conf = resolveReceiverOptions(options);
    this.receivedBlockTracker = new ReceivedBlockTracker(scheduler.ssc.logger);
  }

  get clock(): Clock {
    return this.scheduler.ssc.clock;
  }

  get logger(): Logger {
    return this.scheduler.ssc.logger;
  }

  get isWriteAheadLogEnabled(): boolean {
    return this.blockLog !== undefined;
  }

  /** Logs blocks, allocations and cleanups to `log` from now on (Spark: `ReceivedBlockTracker`'s `writeAheadLogOption`). */
  enableWriteAheadLog(log: ReceivedBlockLog): void {
    this.blockLog = log;
  }

  /**
   * Rebuilds the blocks received before a restart from the write-ahead log's events, before any
   * batch is generated (Spark: `ReceivedBlockTracker.recoverPastEvents`). Returns, by batch time,
   * the blocks an allocation named that the log no longer holds.
   */
  recover(events: readonly ReceivedBlockEvent[]): Map<number, string[]> {
    return replayReceivedBlockEvents(this.receivedBlockTracker, events);
  }

  /** Starts the receiver of every receiver stream (Spark: `ReceiverTracker.start`, `launchReceivers`). */
  start(): void {
    for (const stream of this.scheduler.ssc.graph.getInputStreams()) {
      if (!(stream instanceof ReceiverInputDStream)) continue;
      const supervisor = new ReceiverSupervisor(stream.getReceiver(), this);
      this.supervisors.set(stream.id, supervisor);
      supervisor.start();
    }
  }

  /**
   * Stops every receiver and waits for their `onStop` and last blocks, so that a graceful stop can
   * still give those blocks a batch — for at most `receiverStopTimeoutMs`, so that an `onStop` that
   * never settles cannot hang the context (Spark: `ReceiverTracker.stop`). Idempotent.
   */
  stop(graceful: boolean): Promise<void> {
    this.stopping ??= (async () => {
      const reason = graceful ? 'Stopped gracefully by the streaming context' : 'Stopped by the streaming context';
      if (this.supervisors.size === 0) return;
      const pending = new Set(this.supervisors.keys());
      const stops = [...this.supervisors].map(([streamId, supervisor]) => supervisor.stop(reason).finally(() => pending.delete(streamId)));
      const timeout = new AbortController();
      const timedOut = this.clock.waitTillTime(this.clock.getTimeMillis() + this.conf.stopTimeoutMs, timeout.signal).then(
        () => true,
        () => false,
      );
      const all = Promise.all(stops);
      const isLate = await Promise.race([all.then(() => false), timedOut]).finally(() => timeout.abort());
      if (isLate) {
        all.catch((error: unknown) => this.logger.error('A receiver failed to stop after the context went on without it', error));
        this.logger.warn(
          `The receivers of streams ${[...pending].join(', ')} did not stop within ${this.conf.stopTimeoutMs} ms; the context stops ` +
            'without them, and the records they stored since their last block are in no batch. Make onStop() settle ' +
            '(close what it waits on), or raise the receiverStopTimeoutMs option.',
        );
      }
    })();
    return this.stopping;
  }

  /**
   * @internal A supervisor pushed a block (Spark: `ReceiverTracker.addBlock`). With the write-ahead
   * log on, it is logged first and queued once durable; the promise rejects if logging failed.
   */
  addBlock(block: ReceivedBlockInfo): void | Promise<void> {
    const log = this.blockLog;
    if (!log) {
      this.receivedBlockTracker.addBlock(block);
      return;
    }
    return log.writeBlock(block, this.clock.getTimeMillis()).then((logged) => {
      this.receivedBlockTracker.addBlock(logged);
    });
  }

  /** @internal Posts a receiver event to the context's listeners. */
  post(event: StreamingListenerEvent): void {
    this.scheduler.listenerBus.post(event);
  }

  /**
   * Gives the blocks received so far to the batch at `batchTime`; JobGenerator calls it first thing,
   * and with the write-ahead log on waits until the allocation is logged (Spark: `allocateBlocksToBatch`).
   */
  allocateBlocksToBatch(batchTime: Time): void | Promise<void> {
    if (!this.hasReceiverStreams()) return;
    const allocated = this.receivedBlockTracker.allocateBlocksToBatch(batchTime);
    if (allocated && this.blockLog) return this.blockLog.writeAllocation(batchTime, allocated);
  }

  /**
   * Once a checkpoint no longer needs them, logs that batches before `threshold` are done and drops
   * the log's records before both it and the oldest block still held (Spark: the write-ahead-log
   * half of `cleanupOldBlocksAndBatches`, run after the checkpoint is written).
   */
  async cleanWriteAheadLog(threshold: Time): Promise<void> {
    const log = this.blockLog;
    if (!log) return;
    const oldestHeld = this.receivedBlockTracker.oldestHeldLogTime();
    const cleanBefore = oldestHeld === undefined ? threshold.milliseconds : Math.min(oldestHeld, threshold.milliseconds);
    await log.cleanup(threshold, cleanBefore, this.clock.getTimeMillis());
  }

  /**
   * The block ids of each batch still held, and of the queued blocks, by stream id, for the
   * metadata checkpoint; `undefined` without receiver streams.
   */
  describeBlocks(): { allocated: [number, [number, string[]][]][]; unallocated: [number, string[]][] } | undefined {
    if (!this.hasReceiverStreams()) return undefined;
    const tracker = this.receivedBlockTracker;
    const ids = (blocks: readonly ReceivedBlockInfo[]): string[] => blocks.map((block) => block.blockId);
    return {
      allocated: tracker
        .allocatedBatchTimes()
        .map((ms) => [ms, [...tracker.getBlocksOfBatch(new Time(ms))].map(([streamId, blocks]) => [streamId, ids(blocks)])]),
      unallocated: [...tracker.unallocatedBlocks()].filter(([, blocks]) => blocks.length > 0).map(([streamId, blocks]) => [streamId, ids(blocks)]),
    };
  }

  private hasReceiverStreams(): boolean {
    return this.scheduler.ssc.graph.getInputStreams().some((stream) => stream instanceof ReceiverInputDStream);
  }

  /** One stream's blocks for a batch (Spark: `getBlocksOfBatchAndStream`). */
  getBlocksOfBatchAndStream(batchTime: Time, streamId: number): readonly ReceivedBlockInfo[] {
    return this.receivedBlockTracker.getBlocksOfBatchAndStream(batchTime, streamId);
  }

  /** True if blocks are waiting for a batch; a graceful stop then generates one more (Spark: `hasUnallocatedBlocks`). */
  hasUnallocatedBlocks(): boolean {
    return this.receivedBlockTracker.hasUnallocatedReceivedBlocks();
  }

  /** Drops the blocks of batches before `cleanupThreshold` (Spark: `cleanupOldBlocksAndBatches`). */
  cleanupOldBlocksAndBatches(cleanupThreshold: Time): void {
    this.receivedBlockTracker.cleanupOldBatches(cleanupThreshold);
  }

  /**
   * Sends a new rate bound to a stream's receiver and posts `rateUpdated` (Spark: `sendRateUpdate`;
   * the event is Rivulet's addition).
   */
  sendRateUpdate(streamId: number, rate: number): void {
    this.supervisors.get(streamId)?.updateRate(rate);
    this.post({ type: 'rateUpdated', streamId, rate, time: this.clock.getTimeMillis() });
  }

  /** The current rate limit of a stream's receiver (`Infinity`: none), `undefined` if it has no running receiver. */
  getCurrentRateLimit(streamId: number): number | undefined {
    return this.supervisors.get(streamId)?.blockGenerator.rateLimiter.getCurrentLimit();
  }
}
