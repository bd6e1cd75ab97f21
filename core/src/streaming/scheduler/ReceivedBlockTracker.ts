import type { Logger } from '../../util/Logger.js';
import type { Time } from '../Time.js';

/** A block a receiver pushed, with its records (Spark: `ReceivedBlockInfo`; the data lives on the heap, not in a block store). */
export interface ReceivedBlockInfo<T = unknown> {
  readonly streamId: number;
  readonly blockId: string;
  readonly numRecords: number;
  readonly records: readonly T[];
}

const NO_BLOCKS: readonly ReceivedBlockInfo[] = [];

/**
 * Keeps the blocks receivers pushed, and hands them to batches (Spark: `ReceivedBlockTracker`):
 * every block received before a batch is generated belongs to that batch, and becomes one
 * partition of the stream's RDD for it.
 *
 *   blocks pushed:   b1 b2 | b3 | (none) | b4 b5
 *   allocated to:    1000  | 2000 | 3000 (empty) | 4000
 */
export class ReceivedBlockTracker {
  private readonly unallocated = new Map<number, ReceivedBlockInfo[]>();
  private readonly timeToAllocatedBlocks = new Map<number, ReadonlyMap<number, readonly ReceivedBlockInfo[]>>();
  private lastAllocatedBatchTime: Time | undefined;

  constructor(private readonly logger: Logger) {}

  /** Queues a block for the next batch (Spark: `addBlock`). */
  addBlock(block: ReceivedBlockInfo): boolean {
    let queue = this.unallocated.get(block.streamId);
    if (!queue) this.unallocated.set(block.streamId, (queue = []));
    queue.push(block);
    return true;
  }

  /**
   * Gives every queued block to the batch at `batchTime` (Spark: `allocateBlocksToBatch`). A time
   * not after the last allocated batch is ignored, so a batch never loses the blocks it was given.
   */
  allocateBlocksToBatch(batchTime: Time): void {
    if (this.lastAllocatedBatchTime && !batchTime.greater(this.lastAllocatedBatchTime)) {
      this.logger.info(`Possibly processed batch ${batchTime} needs to be processed again; keeping its allocation.`);
      return;
    }
    const allocated = new Map<number, readonly ReceivedBlockInfo[]>();
    for (const [streamId, queue] of this.unallocated) {
      if (queue.length > 0) allocated.set(streamId, queue.splice(0));
    }
    this.timeToAllocatedBlocks.set(batchTime.milliseconds, allocated);
    this.lastAllocatedBatchTime = batchTime;
  }

  /** The blocks of each stream allocated to a batch (Spark: `getBlocksOfBatch`). */
  getBlocksOfBatch(batchTime: Time): ReadonlyMap<number, readonly ReceivedBlockInfo[]> {
    return this.timeToAllocatedBlocks.get(batchTime.milliseconds) ?? new Map();
  }

  /** One stream's blocks of a batch, empty if it has none (Spark: `getBlocksOfBatchAndStream`). */
  getBlocksOfBatchAndStream(batchTime: Time, streamId: number): readonly ReceivedBlockInfo[] {
    return this.timeToAllocatedBlocks.get(batchTime.milliseconds)?.get(streamId) ?? NO_BLOCKS;
  }

  /** True if some stream has blocks that no batch has been given yet (Spark: `hasUnallocatedReceivedBlocks`). */
  hasUnallocatedReceivedBlocks(): boolean {
    for (const queue of this.unallocated.values()) if (queue.length > 0) return true;
    return false;
  }

  /** The blocks of a stream waiting for the next batch (Spark: `getUnallocatedBlocks`). */
  getUnallocatedBlocks(streamId: number): readonly ReceivedBlockInfo[] {
    return this.unallocated.get(streamId) ?? NO_BLOCKS;
  }

  /** Forgets the blocks of batches before `cleanupThreshold`, which no stream remembers any more (Spark: `cleanupOldBatches`). */
  cleanupOldBatches(cleanupThreshold: Time): void {
    for (const ms of this.timeToAllocatedBlocks.keys()) {
      if (ms < cleanupThreshold.milliseconds) this.timeToAllocatedBlocks.delete(ms);
    }
  }

  /** How many batches still hold blocks; for tests and monitoring. */
  get allocatedBatchCount(): number {
    return this.timeToAllocatedBlocks.size;
  }
}
