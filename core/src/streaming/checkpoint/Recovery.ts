import type { Logger } from '../../util/Logger.js';
import type { DStream } from '../dstream/internal.js';
import type { Duration } from '../Duration.js';
import type { ReceivedBlockEvent } from '../scheduler/ReceivedBlockLog.js';
import type { ReceiverTracker } from '../scheduler/ReceiverTracker.js';
import { Time } from '../Time.js';
import type { RecoveredCheckpoint } from './Checkpoint.js';

/**
 * What `getOrCreate` read for a context to resume from: the checkpoint, checked against the
 * rebuilt graph, and the write-ahead log's events (`undefined` when the log is off). Applied when
 * the context starts (Spark: `StreamingContext.initialCheckpoint`).
 */
export interface Recovery {
  readonly checkpoint: RecoveredCheckpoint;
  readonly blockEvents: readonly ReceivedBlockEvent[] | undefined;
}

/**
 * Gives every stream back its checkpointed RDDs (as its generated RDDs at their times) and its
 * source position, in canonical order (Spark: `DStreamGraph.restoreCheckpointData`). Runs once the
 * streams have their zero time and remember durations, before any batch is generated.
 */
export function restoreStreams(streams: readonly DStream<unknown>[], checkpoint: RecoveredCheckpoint): void {
  for (const entry of checkpoint.metadata.streams) {
    const stream = streams[entry.index]!;
    stream.checkpointData.restore(checkpoint.savedRDDs(entry));
    if (entry.position !== undefined) stream.restorePosition(entry.position);
  }
}

/**
 * Rebuilds the received blocks: from the write-ahead log when it is on, mapping the stream ids of
 * the run that wrote it to the rebuilt graph's. Blocks the checkpoint says pending batches or the
 * queues held, but which cannot be read back, are reported: without the log (Spark: data loss
 * without `spark.streaming.receiver.writeAheadLog.enable`), or cleaned from it.
 */
export function recoverReceivedBlocks(
  tracker: ReceiverTracker,
  recovery: Recovery,
  streams: readonly DStream<unknown>[],
  logger: Logger,
): void {
  const { metadata } = recovery.checkpoint;
  const newIdOf = new Map(metadata.streamIds.map((oldId, index) => [oldId, streams[index]!.id]));
  const pending = new Set(metadata.pendingTimesMs);
  const listed = metadata.receivedBlocks;
  if (!recovery.blockEvents) {
    if (!listed) return;
    let lost = 0;
    for (const [ms, byStream] of listed.allocated) if (pending.has(ms)) for (const [, ids] of byStream) lost += ids.length;
    for (const [, ids] of listed.unallocated) lost += ids.length;
    if (lost > 0) {
      logger.warn(
        `Recovery: ${lost} received blocks of unprocessed batches were not recovered, as the write-ahead log is off; ` +
          'set the writeAheadLog option to keep what receivers stored across a restart.',
      );
    }
    return;
  }
  const events = recovery.blockEvents.map((event) => mapEventStreams(event, (id) => newIdOf.get(id) ?? id));
  const missing = tracker.recover(events);
  for (const [ms, ids] of missing) {
    if (!pending.has(ms)) continue;
    logger.warn(
      `Recovery: batch ${new Time(ms)} was given blocks ${ids.join(', ')}, which the write-ahead log no longer holds; ` +
        'the batch runs again without them.',
    );
  }
}

/**
 * The batches to generate again on restart, oldest first, each once: those pending in the
 * checkpoint, then those whose time passed while the program was down (Spark: `JobGenerator.restart`,
 * which also re-runs the checkpoint's own batch; Rivulet knows from the pending times whether it
 * completed). `restartTime` is the first batch the timer cuts.
 *
 *   checkpoint at 3000 {pending 3000}        clock at restart: 7000 → restartTime 8000
 *   ───┬──────┬──────┬──────┬──────┬──────┬──────┬───▶
 *    2000   3000   4000   5000   6000   7000   8000
 *    done  pending |──── down time ────────|   timer
 *   rescheduled: 3000, 4000, 5000, 6000, 7000
 */
export function timesToReschedule(
  checkpoint: RecoveredCheckpoint,
  batchDuration: Duration,
  restartTime: Time,
): Time[] {
  const { metadata } = checkpoint;
  const downTimes = new Time(metadata.checkpointTimeMs).plus(batchDuration).until(restartTime, batchDuration);
  const times = new Set<number>([...metadata.pendingTimesMs, ...downTimes.map((t) => t.milliseconds)]);
  return [...times]
    .filter((ms) => ms < restartTime.milliseconds)
    .sort((a, b) => a - b)
    .map((ms) => new Time(ms));
}

function mapEventStreams(event: ReceivedBlockEvent, map: (id: number) => number): ReceivedBlockEvent {
  switch (event.e) {
    case 'block':
      return { e: 'block', block: { ...event.block, streamId: map(event.block.streamId) } };
    case 'allocate':
      return { e: 'allocate', timeMs: event.timeMs, blocks: event.blocks.map(([id, ids]) => [map(id), ids] as const) };
    case 'cleanup':
      return event;
  }
}
