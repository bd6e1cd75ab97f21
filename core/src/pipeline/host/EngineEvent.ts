/**
 * What the engine host tells its page, as plain JSON-safe data (no `Map`, `Time` or class
 * instances), so events cross a worker boundary and reach Svelte stores unchanged.
 */
import type { JsonValue } from '../PipelineSpec.js';
import type { SerializedError } from './serializeError.js';

/**
 * The host's lifecycle: nothing loaded, loaded (not started), running on its timer, paused
 * (stepping), stopped; `terminated` is the client's word for a worker it ended.
 */
export type EngineState = 'empty' | 'loaded' | 'running' | 'paused' | 'stopped' | 'terminated';

/** `StreamInputInfo` as JSON. */
export interface StreamInputInfoJson {
  readonly inputStreamId: number;
  readonly numRecords: number;
  readonly metadata?: JsonValue;
}

/** `OutputOperationInfo` as JSON; `error` keeps the failure's name, code and cause. */
export interface OutputOperationInfoJson {
  readonly batchTimeMs: number;
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly failureReason?: string;
  readonly error?: SerializedError;
}

/**
 * `BatchInfo` as JSON: `streamIdToInputInfo` and `outputOperationInfos` become arrays (by stream
 * id and by output id). Times are the engine clock's ms, so under the host's manual clock they
 * are the batch's virtual times; real durations are in `BatchSnapshot`.
 */
export interface BatchInfoJson {
  readonly batchTimeMs: number;
  readonly submissionTime: number;
  readonly processingStartTime?: number;
  readonly processingEndTime?: number;
  readonly numRecords: number;
  readonly schedulingDelay?: number;
  readonly processingDelay?: number;
  readonly totalDelay?: number;
  readonly inputs: readonly StreamInputInfoJson[];
  readonly outputOperations: readonly OutputOperationInfoJson[];
}

/** `ReceiverInfo` as JSON. */
export interface ReceiverInfoJson {
  readonly streamId: number;
  readonly name: string;
  readonly active: boolean;
  readonly lastErrorMessage?: string;
  readonly lastError?: SerializedError;
  readonly lastErrorTime?: number;
}

/** The streaming listener's events (`StreamingListenerEvent`), as JSON. */
export type ListenerEventJson =
  | { readonly type: 'streamingStarted'; readonly time: number }
  | { readonly type: 'batchSubmitted'; readonly batchInfo: BatchInfoJson }
  | { readonly type: 'batchStarted'; readonly batchInfo: BatchInfoJson }
  | { readonly type: 'batchCompleted'; readonly batchInfo: BatchInfoJson }
  | { readonly type: 'outputOperationStarted'; readonly outputOperationInfo: OutputOperationInfoJson }
  | { readonly type: 'outputOperationCompleted'; readonly outputOperationInfo: OutputOperationInfoJson }
  | { readonly type: 'receiverStarted'; readonly receiverInfo: ReceiverInfoJson }
  | { readonly type: 'receiverError'; readonly receiverInfo: ReceiverInfoJson }
  | { readonly type: 'receiverStopped'; readonly receiverInfo: ReceiverInfoJson }
  | { readonly type: 'rateUpdated'; readonly streamId: number; readonly rate: number; readonly time: number }
  | { readonly type: 'checkpointWritten'; readonly timeMs: number }
  | { readonly type: 'checkpointFailed'; readonly timeMs: number; readonly error: SerializedError };

/** One RDD of a lineage graph. */
export interface LineageNode {
  readonly id: number;
  readonly className: string;
  readonly name?: string;
  /** The operator that created it (`map`, `reduceByKey`...). */
  readonly creationSite: string;
  readonly partitions: number;
  /** The storage level's description (`Memory Deserialized 1x Replicated`), `None` when not persisted. */
  readonly storage: string;
  readonly cachedPartitions: number;
  readonly cachedBytes: number;
  readonly checkpointed: boolean;
}

/** A dependency: `to` is computed from `from`; `shuffle` marks a stage boundary. */
export interface LineageEdge {
  readonly from: number;
  readonly to: number;
  readonly shuffle: boolean;
}

/** RDD lineage as a graph. `truncated` when it had more RDDs than the host sends (see `HostLimits`). */
export interface LineageGraph {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  readonly truncated: boolean;
}

/** One pipeline node's RDD for one batch. */
export interface NodeSnapshot {
  readonly nodeId: string;
  readonly streamId: number;
  readonly rddId: number;
  readonly partitions: number;
  /** Records in each partition; `null` for a partition the batch never computed (a failed batch). */
  readonly recordsPerPartition: readonly (number | null)[];
  /** Their sum, `null` if any partition is unknown. */
  readonly records: number | null;
  /** The first records in partition order (at most `HostLimits.sampleSize`), JSON-safe and truncated. */
  readonly sample: readonly JsonValue[];
  /**
   * Real ms spent computing this node's partitions, not counting its parents (which are cached
   * separately in inspection mode).
   */
  readonly computeMs: number;
  /** `rdd.toDebugString()`, cut at `HostLimits.maxDebugStringLength` characters. */
  readonly debugString: string;
}

/** A receiver's state and its rate bound (backpressure), as of the end of a batch. */
export interface ReceiverSnapshot extends ReceiverInfoJson {
  /** Records per second the rate controller allows, `undefined` when unbounded. */
  readonly rateLimit?: number;
}

/**
 * Everything the editor shows for one completed batch: its `BatchInfo`, every node that produced
 * an RDD, the lineage of all of them as one graph (each node's lineage is what its `rddId` reaches),
 * and the receivers.
 */
export interface BatchSnapshot {
  readonly batchTimeMs: number;
  readonly batchInfo: BatchInfoJson;
  readonly nodes: readonly NodeSnapshot[];
  readonly lineage: LineageGraph;
  readonly receivers: readonly ReceiverSnapshot[];
  /** Real ms from the start of the batch's processing to its end. */
  readonly processingMs: number;
  /** Real ms the batch started after it was due on the host's timer (0 when stepping). */
  readonly schedulingDelayMs: number;
  /** True when the batch's nodes were inspected (`LoadOptions.inspect`); otherwise `nodes` is empty. */
  readonly inspected: boolean;
}

/** Where an error comes from: a batch's output operation, a receiver, a checkpoint write, or the host itself. */
export type ErrorSource = 'outputOperation' | 'receiver' | 'checkpoint' | 'engine';

/** Events of the host itself (the listener's events come as `ListenerEventJson`). */
export type HostEvent =
  | { readonly type: 'stateChanged'; readonly state: EngineState; readonly speed: number; readonly clockMs: number }
  | { readonly type: 'batchInspected'; readonly snapshot: BatchSnapshot }
  /** Lines `print()` wrote during a batch, in order. */
  | { readonly type: 'linesPrinted'; readonly batchTimeMs: number | undefined; readonly lines: readonly string[] }
  /** Records a `collect` output node took from a batch (at most 1000 of `total`, JSON-safe). */
  | {
      readonly type: 'collected';
      readonly nodeId: string;
      readonly batchTimeMs: number;
      readonly records: readonly JsonValue[];
      readonly total: number;
    }
  /** A failure, never dropped by coalescing: a failed output operation, a receiver error, a host error. */
  | {
      readonly type: 'errorReported';
      readonly source: ErrorSource;
      readonly batchTimeMs?: number;
      readonly outputOperationId?: number;
      readonly streamId?: number;
      readonly error: SerializedError;
    }
  /** Warnings and errors the engine logged. */
  | { readonly type: 'logged'; readonly level: 'warn' | 'error'; readonly message: string }
  /** Coalescing dropped the events of `batches` batches, from `firstBatchTimeMs` to `lastBatchTimeMs`. */
  | {
      readonly type: 'eventsDropped';
      readonly batches: number;
      readonly firstBatchTimeMs?: number;
      readonly lastBatchTimeMs?: number;
      /** `logged` events dropped beyond `HostLimits.maxPendingLogs`. */
      readonly logs: number;
    }
  /**
   * Sent at once when a batch starts and ends (never coalesced): the client's watchdog times
   * batches with it, and the editor may highlight the running batch.
   */
  | { readonly type: 'batchProgress'; readonly phase: 'running' | 'done'; readonly batchTimeMs: number };

/** Every event a subscriber receives. */
export type EngineEvent = ListenerEventJson | HostEvent;
