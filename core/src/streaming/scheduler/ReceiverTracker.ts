import type { Logger } from '../../util/Logger.js';
import { ReceiverInputDStream } from '../dstream/internal.js';
import { resolveReceiverOptions, type ReceiverConf, type ReceiverOptions } from '../receiver/ReceiverOptions.js';
import { ReceiverSupervisor, type ReceiverSupervisorHost } from '../receiver/ReceiverSupervisor.js';
import type { Time } from '../Time.js';
import type { Clock } from '../util/Clock.js';
import type { JobScheduler } from './JobScheduler.js';
import { ReceivedBlockTracker, type ReceivedBlockInfo } from './ReceivedBlockTracker.js';
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
   * still give those blocks a batch (Spark: `ReceiverTracker.stop`). Idempotent.
   */
  stop(graceful: boolean): Promise<void> {
    this.stopping ??= (async () => {
      const reason = graceful ? 'Stopped gracefully by the streaming context' : 'Stopped by the streaming context';
      await Promise.all([...this.supervisors.values()].map((supervisor) => supervisor.stop(reason)));
    })();
    return this.stopping;
  }

  /** @internal A supervisor pushed a block (Spark: `ReceiverTracker.addBlock`). */
  addBlock(block: ReceivedBlockInfo): void {
    this.receivedBlockTracker.addBlock(block);
  }

  /** @internal Posts a receiver event to the context's listeners. */
  post(event: StreamingListenerEvent): void {
    this.scheduler.listenerBus.post(event);
  }

  /** Gives the blocks received so far to the batch at `batchTime`; JobGenerator calls it first thing (Spark: `allocateBlocksToBatch`). */
  allocateBlocksToBatch(batchTime: Time): void {
    if (this.supervisors.size > 0) this.receivedBlockTracker.allocateBlocksToBatch(batchTime);
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
