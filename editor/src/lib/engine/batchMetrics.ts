import type { BatchSnapshot } from 'rivulet';

/** How a batch went, for the timeline and the batch table. */
export type BatchStatus = 'succeeded' | 'failed' | 'delayed';

/** One batch's numbers as Spark's Streaming tab shows them, with the real durations the host measured. */
export interface BatchMetrics {
  readonly batchTimeMs: number;
  /** Input records of the batch (all input streams). */
  readonly records: number;
  /** Input records per second of stream time. */
  readonly inputRate: number;
  /** Real ms the batch started after it was due (0 when stepping). */
  readonly schedulingDelayMs: number;
  /** Real ms the batch's jobs took. */
  readonly processingMs: number;
  readonly totalDelayMs: number;
  readonly status: BatchStatus;
}

/**
 * The metrics of `snapshot`. Input records are `BatchInfo.numRecords` (the input streams'
 * reports), or else the records of the source nodes' RDDs. Delays are the host's real
 * measurements: under its manual clock `BatchInfo`'s own delays are virtual, and always 0.
 * `intervalMs` is the real time between batches (batch interval ÷ speed): a batch that started
 * later than that is `delayed`.
 */
export function batchMetrics(
  snapshot: BatchSnapshot,
  batchDurationMs: number,
  sourceIds: ReadonlySet<string>,
  intervalMs: number,
): BatchMetrics {
  let records = snapshot.batchInfo.numRecords;
  if (records === 0) {
    for (const node of snapshot.nodes) if (sourceIds.has(node.nodeId)) records += node.records ?? 0;
  }
  const failed = snapshot.batchInfo.outputOperations.some((o) => o.failureReason !== undefined);
  const { schedulingDelayMs, processingMs } = snapshot;
  return {
    batchTimeMs: snapshot.batchTimeMs,
    records,
    inputRate: batchDurationMs > 0 ? (records * 1000) / batchDurationMs : 0,
    schedulingDelayMs,
    processingMs,
    totalDelayMs: schedulingDelayMs + processingMs,
    status: failed ? 'failed' : schedulingDelayMs > intervalMs ? 'delayed' : 'succeeded',
  };
}
