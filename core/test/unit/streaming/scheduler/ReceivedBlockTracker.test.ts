/** Spark's `ReceivedBlockTrackerSuite` (without the write-ahead log): blocks go to the next batch, once. */
import { describe, expect, it } from 'vitest';
import { ReceivedBlockTracker, type ReceivedBlockInfo } from '../../../../src/streaming/scheduler/ReceivedBlockTracker.js';
import { Time } from '../../../../src/streaming/Time.js';
import type { Logger } from '../../../../src/util/Logger.js';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function block(streamId: number, id: number, records: number[]): ReceivedBlockInfo<number> {
  return { streamId, blockId: `input-${streamId}-${id}`, numRecords: records.length, records };
}

describe('ReceivedBlockTracker', () => {
  it('block addition, and block to batch allocation', () => {
    const tracker = new ReceivedBlockTracker(silent);
    expect(tracker.hasUnallocatedReceivedBlocks()).toBe(false);
    const blocks = [block(0, 0, [1, 2]), block(0, 200, [3]), block(1, 0, [4])];
    for (const b of blocks) expect(tracker.addBlock(b)).toBe(true);
    expect(tracker.getUnallocatedBlocks(0)).toEqual(blocks.slice(0, 2));
    expect(tracker.hasUnallocatedReceivedBlocks()).toBe(true);

    tracker.allocateBlocksToBatch(new Time(1000));
    expect(tracker.getBlocksOfBatchAndStream(new Time(1000), 0)).toEqual(blocks.slice(0, 2));
    expect(tracker.getBlocksOfBatchAndStream(new Time(1000), 1)).toEqual([blocks[2]]);
    expect([...tracker.getBlocksOfBatch(new Time(1000)).keys()]).toEqual([0, 1]);
    expect(tracker.getUnallocatedBlocks(0)).toEqual([]);
    expect(tracker.hasUnallocatedReceivedBlocks()).toBe(false);

    // A batch with nothing received gets nothing.
    tracker.allocateBlocksToBatch(new Time(2000));
    expect(tracker.getBlocksOfBatchAndStream(new Time(2000), 0)).toEqual([]);
  });

  it('allocating a batch time again keeps its blocks and takes no new ones', () => {
    const tracker = new ReceivedBlockTracker(silent);
    tracker.addBlock(block(0, 0, [1]));
    tracker.allocateBlocksToBatch(new Time(1000));
    tracker.addBlock(block(0, 1000, [2]));
    tracker.allocateBlocksToBatch(new Time(1000));
    tracker.allocateBlocksToBatch(new Time(500));
    expect(tracker.getBlocksOfBatchAndStream(new Time(1000), 0).map((b) => b.records)).toEqual([[1]]);
    expect(tracker.getUnallocatedBlocks(0)).toHaveLength(1);
  });

  it('cleans up batches older than the threshold', () => {
    const tracker = new ReceivedBlockTracker(silent);
    for (let t = 1000; t <= 5000; t += 1000) {
      tracker.addBlock(block(0, t, [t]));
      tracker.allocateBlocksToBatch(new Time(t));
    }
    expect(tracker.allocatedBatchCount).toBe(5);
    tracker.cleanupOldBatches(new Time(3000));
    expect(tracker.allocatedBatchCount).toBe(3);
    expect(tracker.getBlocksOfBatchAndStream(new Time(2000), 0)).toEqual([]);
    expect(tracker.getBlocksOfBatchAndStream(new Time(3000), 0)).toHaveLength(1);
  });
});
