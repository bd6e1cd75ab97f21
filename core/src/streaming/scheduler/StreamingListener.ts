import type { Time } from '../Time.js';
import type { BatchInfo, OutputOperationInfo } from './BatchInfo.js';

/** A receiver as listeners see it (Spark: `ReceiverInfo`). */
export interface ReceiverInfo {
  readonly streamId: number;
  readonly name: string;
  readonly active: boolean;
  readonly lastErrorMessage?: string;
  readonly lastError?: unknown;
  readonly lastErrorTime?: number;
}

/** The streaming events, past tense (Spark: `StreamingListenerEvent`s). */
export type StreamingListenerEvent =
  | { readonly type: 'streamingStarted'; readonly time: number }
  | { readonly type: 'batchSubmitted'; readonly batchInfo: BatchInfo }
  | { readonly type: 'batchStarted'; readonly batchInfo: BatchInfo }
  | { readonly type: 'batchCompleted'; readonly batchInfo: BatchInfo }
  | { readonly type: 'outputOperationStarted'; readonly outputOperationInfo: OutputOperationInfo }
  | { readonly type: 'outputOperationCompleted'; readonly outputOperationInfo: OutputOperationInfo }
  | { readonly type: 'receiverStarted'; readonly receiverInfo: ReceiverInfo }
  | { readonly type: 'receiverError'; readonly receiverInfo: ReceiverInfo }
  | { readonly type: 'receiverStopped'; readonly receiverInfo: ReceiverInfo }
  /**
   * Rivulet's addition (Spark sends the estimate to its metrics, not to listeners): backpressure
   * estimated a new rate bound for an input stream, in records per second; `time` is the clock's ms.
   */
  | { readonly type: 'rateUpdated'; readonly streamId: number; readonly rate: number; readonly time: number }
  /**
   * Rivulet's addition (Spark only logs it): a metadata checkpoint was written to the store; `time`
   * is the latest batch time it covers.
   */
  | { readonly type: 'checkpointWritten'; readonly time: Time }
  /**
   * Rivulet's addition (Spark logs a warning): a checkpoint could not be written after three
   * attempts. The context keeps running and the error also goes to `awaitTermination`.
   */
  | { readonly type: 'checkpointFailed'; readonly time: Time; readonly error: unknown };

type EventOf<T extends StreamingListenerEvent['type']> = Extract<StreamingListenerEvent, { type: T }>;

/**
 * Receives streaming events; every method is optional (Spark: `StreamingListener`). Methods are
 * called synchronously on the engine's thread; one that throws is logged and does not stop the stream.
 */
export interface StreamingListener {
  onStreamingStarted?(event: EventOf<'streamingStarted'>): void;
  onBatchSubmitted?(event: EventOf<'batchSubmitted'>): void;
  onBatchStarted?(event: EventOf<'batchStarted'>): void;
  onBatchCompleted?(event: EventOf<'batchCompleted'>): void;
  onOutputOperationStarted?(event: EventOf<'outputOperationStarted'>): void;
  onOutputOperationCompleted?(event: EventOf<'outputOperationCompleted'>): void;
  onReceiverStarted?(event: EventOf<'receiverStarted'>): void;
  onReceiverError?(event: EventOf<'receiverError'>): void;
  onReceiverStopped?(event: EventOf<'receiverStopped'>): void;
  /** Rivulet's addition: backpressure set a new rate bound for an input stream. */
  onRateUpdated?(event: EventOf<'rateUpdated'>): void;
  /** Rivulet's addition: a metadata checkpoint was written. */
  onCheckpointWritten?(event: EventOf<'checkpointWritten'>): void;
  /** Rivulet's addition: a checkpoint could not be written. */
  onCheckpointFailed?(event: EventOf<'checkpointFailed'>): void;
}

/** The listener method each event is delivered to. */
export const streamingListenerMethod = {
  streamingStarted: 'onStreamingStarted',
  batchSubmitted: 'onBatchSubmitted',
  batchStarted: 'onBatchStarted',
  batchCompleted: 'onBatchCompleted',
  outputOperationStarted: 'onOutputOperationStarted',
  outputOperationCompleted: 'onOutputOperationCompleted',
  receiverStarted: 'onReceiverStarted',
  receiverError: 'onReceiverError',
  receiverStopped: 'onReceiverStopped',
  rateUpdated: 'onRateUpdated',
  checkpointWritten: 'onCheckpointWritten',
  checkpointFailed: 'onCheckpointFailed',
} as const satisfies Record<StreamingListenerEvent['type'], keyof StreamingListener>;
