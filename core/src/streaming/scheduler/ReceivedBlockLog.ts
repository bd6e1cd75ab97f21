import type { WriteAheadLog } from '../../checkpoint/WriteAheadLog.js';
import { deserialize, serialize } from '../../checkpoint/serialize.js';
import type { Logger } from '../../util/Logger.js';
import { Time } from '../Time.js';
import type { ReceivedBlockInfo, ReceivedBlockTracker } from './ReceivedBlockTracker.js';

/**
 * What the write-ahead log records about received blocks (Spark: `ReceivedBlockTrackerLogEvent`).
 * Spark logs a block's data in the receiver's log and its metadata in the tracker's; here a
 * receiver runs in the engine's process, so one record holds both.
 */
export type ReceivedBlockEvent =
  /** A receiver's block, records and all (Spark: `BlockAdditionEvent` + `WriteAheadLogBasedBlockHandler.storeBlock`). */
  | { readonly e: 'block'; readonly block: ReceivedBlockInfo }
  /** The blocks given to a batch, by stream (Spark: `BatchAllocationEvent`). */
  | { readonly e: 'allocate'; readonly timeMs: number; readonly blocks: readonly (readonly [number, readonly string[]])[] }
  /** Batches before `beforeMs` are done with (Spark: `BatchCleanupEvent`). */
  | { readonly e: 'cleanup'; readonly beforeMs: number };

/**
 * The write-ahead log of the `ReceiverTracker`: writes block, allocation and cleanup events, and
 * replays them into a `ReceivedBlockTracker` on recovery (Spark: `ReceivedBlockTracker`'s
 * `writeToLog` and `recoverPastEvents`). Each record is filed under a time, by which `clean`
 * drops it: a block under the clock time it arrived, an allocation under its batch time.
 *
 *   log:   block b1 (t=200) · block b2 (t=700) · allocate 1000 {b1, b2} · block b3 (t=1100) · cleanup <0
 *   replay: b1, b2 queued → batch 1000 gets b1, b2 → b3 queued, for the next batch
 */
export class ReceivedBlockLog {
  constructor(
    readonly log: WriteAheadLog,
    private readonly logger: Logger,
  ) {}

  /** Logs a block; resolves once it is durable, with the block stamped with its log time. */
  async writeBlock(block: ReceivedBlockInfo, timeMs: number): Promise<ReceivedBlockInfo> {
    const logged: ReceivedBlockInfo = { ...block, logTimeMs: timeMs };
    await this.log.write(serialize({ e: 'block', block: logged } satisfies ReceivedBlockEvent), timeMs);
    return logged;
  }

  /** Logs the blocks given to the batch at `batchTime`. */
  async writeAllocation(batchTime: Time, allocated: ReadonlyMap<number, readonly ReceivedBlockInfo[]>): Promise<void> {
    const blocks = [...allocated].map(([streamId, list]) => [streamId, list.map((block) => block.blockId)] as const);
    const event: ReceivedBlockEvent = { e: 'allocate', timeMs: batchTime.milliseconds, blocks };
    await this.log.write(serialize(event), batchTime.milliseconds);
  }

  /** Logs that batches before `threshold` are done, then drops the records before `cleanBeforeMs`. */
  async cleanup(threshold: Time, cleanBeforeMs: number, nowMs: number): Promise<void> {
    await this.log.write(serialize({ e: 'cleanup', beforeMs: threshold.milliseconds } satisfies ReceivedBlockEvent), nowMs);
    await this.log.clean(cleanBeforeMs);
  }

  /** Every event still in the log, oldest first; a record that cannot be read is skipped with a warning. */
  async readAll(): Promise<ReceivedBlockEvent[]> {
    const events: ReceivedBlockEvent[] = [];
    for (const { record } of await this.log.readAll()) {
      try {
        events.push(deserialize(record) as ReceivedBlockEvent);
      } catch (error) {
        this.logger.warn('Skipping a write-ahead-log record that cannot be read', error);
      }
    }
    return events;
  }
}

/**
 * Rebuilds the tracker's queues and allocations from logged events (Spark:
 * `ReceivedBlockTracker.recoverPastEvents`). Returns, by batch time, the blocks an allocation named
 * but the log no longer holds, for the batches still allocated after the replay.
 */
export function replayReceivedBlockEvents(
  tracker: ReceivedBlockTracker,
  events: readonly ReceivedBlockEvent[],
): Map<number, string[]> {
  const missing = new Map<number, string[]>();
  for (const event of events) {
    switch (event.e) {
      case 'block':
        tracker.addBlock(event.block);
        break;
      case 'allocate': {
        const lost = tracker.insertAllocatedBatch(new Time(event.timeMs), new Map(event.blocks));
        if (lost.length > 0) missing.set(event.timeMs, lost);
        break;
      }
      case 'cleanup':
        tracker.cleanupOldBatches(new Time(event.beforeMs));
        for (const ms of missing.keys()) if (ms < event.beforeMs) missing.delete(ms);
        break;
    }
  }
  return missing;
}
