import type { BatchInfo, OutputOperationInfo } from '../../streaming/scheduler/BatchInfo.js';
import type { ReceiverInfo, StreamingListenerEvent } from '../../streaming/scheduler/StreamingListener.js';
import type { BatchInfoJson, ListenerEventJson, OutputOperationInfoJson, ReceiverInfoJson } from './EngineEvent.js';
import { serializeError } from './serializeError.js';
import { toJsonSafe } from './toJsonSafe.js';

/** A streaming listener event as plain JSON (see `ListenerEventJson`). */
export function listenerEventToJson(event: StreamingListenerEvent): ListenerEventJson {
  switch (event.type) {
    case 'streamingStarted':
    case 'rateUpdated':
      return { ...event };
    case 'batchSubmitted':
    case 'batchStarted':
    case 'batchCompleted':
      return { type: event.type, batchInfo: batchInfoToJson(event.batchInfo) };
    case 'outputOperationStarted':
    case 'outputOperationCompleted':
      return { type: event.type, outputOperationInfo: outputOperationInfoToJson(event.outputOperationInfo) };
    case 'receiverStarted':
    case 'receiverError':
    case 'receiverStopped':
      return { type: event.type, receiverInfo: receiverInfoToJson(event.receiverInfo) };
    case 'checkpointWritten':
      return { type: event.type, timeMs: event.time.milliseconds };
    case 'checkpointFailed':
      return { type: event.type, timeMs: event.time.milliseconds, error: serializeError(event.error) };
  }
}

/** `BatchInfo` as JSON: maps become arrays ordered by id, `Time` becomes ms. */
export function batchInfoToJson(info: BatchInfo): BatchInfoJson {
  const inputs = [...info.streamIdToInputInfo.values()]
    .sort((a, b) => a.inputStreamId - b.inputStreamId)
    .map((input) => ({
      inputStreamId: input.inputStreamId,
      numRecords: input.numRecords,
      ...(input.metadata === undefined ? {} : { metadata: toJsonSafe(input.metadata) }),
    }));
  const outputOperations = [...info.outputOperationInfos.values()]
    .sort((a, b) => a.id - b.id)
    .map(outputOperationInfoToJson);
  return withoutUndefined({
    batchTimeMs: info.batchTime.milliseconds,
    submissionTime: info.submissionTime,
    processingStartTime: info.processingStartTime,
    processingEndTime: info.processingEndTime,
    numRecords: info.numRecords,
    schedulingDelay: info.schedulingDelay,
    processingDelay: info.processingDelay,
    totalDelay: info.totalDelay,
    inputs,
    outputOperations,
  });
}

export function outputOperationInfoToJson(info: OutputOperationInfo): OutputOperationInfoJson {
  return withoutUndefined({
    batchTimeMs: info.batchTime.milliseconds,
    id: info.id,
    name: info.name,
    description: info.description,
    startTime: info.startTime,
    endTime: info.endTime,
    failureReason: info.failureReason,
    error: info.error === undefined ? undefined : serializeError(info.error),
  });
}

export function receiverInfoToJson(info: ReceiverInfo): ReceiverInfoJson {
  return withoutUndefined({
    streamId: info.streamId,
    name: info.name,
    active: info.active,
    lastErrorMessage: info.lastErrorMessage,
    lastError: info.lastError === undefined ? undefined : serializeError(info.lastError),
    lastErrorTime: info.lastErrorTime,
  });
}

/** Drops `undefined` fields, so optional fields are absent rather than present and undefined (JSON has no undefined). */
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
