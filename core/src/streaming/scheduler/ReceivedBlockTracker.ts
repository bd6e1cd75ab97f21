import type { Logger } from '../../util/Logger.js';
import type { Time } from '../Time.js';

/** A block a receiver pushed, with its records (Spark: `ReceivedBlockInfo`; the data lives on the heap, not in a block store). */
export interface ReceivedBlockInfo<T = unknown> {
  readonly streamId: number;
  readonly blockId: string;
  readonly numRecords: number;
  readonly records: readonly T[];
  /** With the write-ahead log on: the log time (clock ms) of the block's record, so it is kept while needed. */
  readonly logTimeMs?: number;
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
   * Gives every queued block to the batch at `batchTime` and returns the allocation, for the
   * write-ahead log (Spark: `allocateBlocksToBatch`). A time not after the last allocated batch is
   * ignored (`undefined`), so a batch never loses the blocks it was given — after recovery, the
   * allocation read back from the log.
   */
  allocateBlocksToBatch(batchTime: Time): ReadonlyMap<number, readonly ReceivedBlockInfo[]> | undefined {
    if (this.lastAllocatedBatchTime && !batchTime.greater(this.lastAllocatedBatchTime)) {
      this.logger.info(`Possibly processed batch ${batchTime} needs to be processed again; keeping its allocation.`);
      return undefined;
    }
    const allocated = new Map<number, readonly ReceivedBlockInfo[]>();
    for (const [streamId, queue] of this.unallocated) {
      if (queue.length > 0) allocated.set(streamId, queue.splice(0));
    }
    this.timeToAllocatedBlocks.set(batchTime.milliseconds, allocated);
    this.lastAllocatedBatchTime = batchTime;
    return allocated;
  }

  /**
   * Replays an allocation read back from the write-ahead log: the listed blocks, in order, leave
   * the queues for the batch; returns the ids that were not found (Spark: `insertAllocatedBatch`).
   */
  insertAllocatedBatch(batchTime: Time, blockIds: ReadonlyMap<number, readonly string[]>): string[] {
    const allocated = new Map<number, readonly ReceivedBlockInfo[]>();
    const missing: string[] = [];
    for (const [streamId, ids] of blockIds) {
      const queue = this.unallocated.get(streamId) ?? [];
      const blocks: ReceivedBlockInfo[] = [];
      for (const id of ids) {
        const at = queue.findIndex((block) => block.blockId === id);
        if (at < 0) missing.push(id);
        else blocks.push(queue.splice(at, 1)[0]!);
      }
      if (blocks.length > 0) allocated.set(streamId, blocks);
    }
    this.timeToAllocatedBlocks.set(batchTime.milliseconds, allocated);
    if (!this.lastAllocatedBatchTime || batchTime.greater(this.lastAllocatedBatchTime)) this.lastAllocatedBatchTime = batchTime;
    return missing;
  }

  /** The times of the batches that hold blocks, ascending. */
  allocatedBatchTimes(): number[] {
    return [...this.timeToAllocatedBlocks.keys()].sort((a, b) => a - b);
  }

  /** Every queued block, by stream. */
  unallocatedBlocks(): ReadonlyMap<number, readonly ReceivedBlockInfo[]> {
    return this.unallocated;
  }

  /**
   * The oldest log time of a block still held (queued or in a remembered batch): the write-ahead
   * log must keep records from then on. `undefined` when no logged block is held.
   */
  oldestHeldLogTime(): number | undefined {
    let oldest: number | undefined;
    const consider = (blocks: readonly ReceivedBlockInfo[]): void => {
      for (const block of blocks) {
        if (block.logTimeMs !== undefined && (oldest === undefined || block.logTimeMs < oldest)) oldest = block.logTimeMs;
      }
    };
    for (const queue of this.unallocated.values()) consider(queue);
    for (const batch of this.timeToAllocatedBlocks.values()) for (const blocks of batch.values()) consider(blocks);
    return oldest;
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
