/**
 * Spark's `ReceivedBlockTrackerSuite` with the write-ahead log: block additions, allocations and
 * cleanups are logged, and a new tracker rebuilt from the log has the same queues and batches.
 */
import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from '../../../../src/index.js';
import { ReceivedBlockLog, replayReceivedBlockEvents } from '../../../../src/streaming/scheduler/ReceivedBlockLog.js';
import { ReceivedBlockTracker, type ReceivedBlockInfo } from '../../../../src/streaming/scheduler/ReceivedBlockTracker.js';
import { Time } from '../../../../src/streaming/Time.js';
import type { Logger } from '../../../../src/util/Logger.js';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function block(streamId: number, id: number, records: unknown[]): ReceivedBlockInfo {
  return { streamId, blockId: `input-${streamId}-${id}`, numRecords: records.length, records };
}

/** A tracker whose additions and allocations go through `log`, as the ReceiverTracker does it. */
async function add(tracker: ReceivedBlockTracker, log: ReceivedBlockLog, b: ReceivedBlockInfo, timeMs: number): Promise<void> {
  tracker.addBlock(await log.writeBlock(b, timeMs));
}

async function allocate(tracker: ReceivedBlockTracker, log: ReceivedBlockLog, timeMs: number): Promise<void> {
  const allocated = tracker.allocateBlocksToBatch(new Time(timeMs));
  if (allocated) await log.writeAllocation(new Time(timeMs), allocated);
}

async function recovered(log: ReceivedBlockLog): Promise<{ tracker: ReceivedBlockTracker; missing: Map<number, string[]> }> {
  const tracker = new ReceivedBlockTracker(silent);
  const missing = replayReceivedBlockEvents(tracker, await log.readAll());
  return { tracker, missing };
}

describe('ReceivedBlockLog', () => {
  it('recovery with write ahead logs should remove only allocated blocks from received queue', async () => {
    const store = new MemoryCheckpointStore({ logger: silent });
    const log = new ReceivedBlockLog(store.writeAheadLog, silent);
    const tracker = new ReceivedBlockTracker(silent);
    await add(tracker, log, block(0, 0, ['a', 1n, new Map([['k', NaN]])]), 100);
    await add(tracker, log, block(1, 0, [2]), 150);
    await allocate(tracker, log, 1000);
    await add(tracker, log, block(0, 1000, [3]), 1100);

    const { tracker: replayed, missing } = await recovered(log);
    expect(missing.size).toBe(0);
    expect(replayed.getBlocksOfBatchAndStream(new Time(1000), 0).map((b) => b.records)).toEqual([['a', 1n, new Map([['k', NaN]])]]);
    expect(replayed.getBlocksOfBatchAndStream(new Time(1000), 1).map((b) => b.blockId)).toEqual(['input-1-0']);
    expect(replayed.getUnallocatedBlocks(0).map((b) => b.blockId)).toEqual(['input-0-1000']);
    // The batch keeps the blocks it had: allocating it again takes nothing new.
    replayed.allocateBlocksToBatch(new Time(1000));
    expect(replayed.getUnallocatedBlocks(0)).toHaveLength(1);
    replayed.allocateBlocksToBatch(new Time(2000));
    expect(replayed.getBlocksOfBatchAndStream(new Time(2000), 0).map((b) => b.blockId)).toEqual(['input-0-1000']);
  });

  it('recovery and cleanup with write ahead logs', async () => {
    const store = new MemoryCheckpointStore({ logger: silent, writeAheadLogWindowMs: 1000 });
    const log = new ReceivedBlockLog(store.writeAheadLog, silent);
    const tracker = new ReceivedBlockTracker(silent);
    for (let t = 1000; t <= 5000; t += 1000) {
      await add(tracker, log, block(0, t - 500, [t]), t - 500);
      await allocate(tracker, log, t);
    }
    tracker.cleanupOldBatches(new Time(3000));
    expect(tracker.oldestHeldLogTime()).toBe(2500);
    await log.cleanup(new Time(3000), tracker.oldestHeldLogTime()!, 5000);

    const { tracker: replayed } = await recovered(log);
    expect(replayed.allocatedBatchTimes()).toEqual([3000, 4000, 5000]);
    expect(replayed.getBlocksOfBatchAndStream(new Time(3000), 0).map((b) => b.records)).toEqual([[3000]]);
    const events = await log.readAll();
    expect(events.filter((e) => e.e === 'block').map((e) => (e.e === 'block' ? e.block.logTimeMs : 0))).toEqual([2500, 3500, 4500]);
  });

  it('an allocation naming blocks the log no longer holds is reported for the batches still allocated', async () => {
    const store = new MemoryCheckpointStore({ logger: silent });
    const log = new ReceivedBlockLog(store.writeAheadLog, silent);
    await log.writeAllocation(new Time(1000), new Map([[0, [block(0, 0, [1])]]]));
    await log.writeAllocation(new Time(2000), new Map([[0, [block(0, 1000, [2])]]]));
    await store.writeAheadLog.write(JSON.stringify('not a tagged value'), 2500); // skipped with a warning
    const { missing } = await recovered(log);
    expect([...missing]).toEqual([
      [1000, ['input-0-0']],
      [2000, ['input-0-1000']],
    ]);
  });
});
