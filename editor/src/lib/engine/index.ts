export { createEngine, ENGINE_BATCH_TIMEOUT_MS } from './createEngine';
export { batchMetrics, type BatchMetrics, type BatchStatus } from './batchMetrics';
export { checkpointLocation, clearCheckpoints, isCheckpointing } from './checkpointLocation';
export { edgesInto, pressureOf, rateLimitsOf, type Pressure, type PressureLevel } from './pressure';
export { errorNode, ownerOfRdd, rddOwners, rootMessage, type ReportedError } from './attribution';
export { formatBatchTime, formatCount, formatMs, formatRate } from './format';
export { FrameBuffer, type BufferedChanges } from './FrameBuffer';
export { collectedEntry, droppedEntry, logEntry, printEntry } from './logEntries';
export {
  MAX_BATCHES,
  MAX_LOGS,
  MAX_PRINT_LINES,
  type LogEntry,
  type LogLevel,
  type NodeError,
  type RunConfirmation,
  type RunStatus,
} from './runTypes';
