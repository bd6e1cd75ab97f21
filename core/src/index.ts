/**
 * The public surface of the `rivulet` package. Explicit named exports only: anything not listed
 * here is internal.
 */

// ---- RDDs ----
export { RDD } from './rdd/internal.js';
export { RDDContext, type RDDContextOptions } from './rdd/RDDContext.js';
export type { Partition } from './rdd/Partition.js';
export { Partitioner, HashPartitioner, type PartitionerLike } from './rdd/Partitioner.js';
export { StorageLevel } from './rdd/StorageLevel.js';
export {
  Dependency,
  NarrowDependency,
  OneToOneDependency,
  RangeDependency,
  ShuffleDependency,
} from './rdd/Dependency.js';
export type { Aggregator } from './rdd/Aggregator.js';
export type { TaskContext } from './rdd/TaskContext.js';

// ---- Scheduling ----
export { InThreadExecutor, type Executor, type Task } from './scheduler/Executor.js';
export type { SchedulerEvent, SchedulerListener, StageInfo, StageKind, TaskInfo } from './scheduler/events.js';

// ---- Errors and logging ----
export {
  ErrorCodes,
  IllegalStateError,
  RivuletError,
  TaskFailedError,
  ValidationError,
  type ErrorCode,
} from './errors.js';
export type { Logger } from './util/Logger.js';

// ---- Streaming ----
export { StreamingContext, type StreamingContextOptions, type StreamingContextState, type StopOptions } from './streaming/StreamingContext.js';
export { DStream, InputDStream } from './streaming/dstream/internal.js';
export { Duration, Milliseconds, Seconds, Minutes } from './streaming/Duration.js';
export { Time } from './streaming/Time.js';
export { Interval } from './streaming/Interval.js';
export type { Clock } from './streaming/util/Clock.js';
export { SystemClock } from './streaming/util/SystemClock.js';
export { ManualClock } from './streaming/util/ManualClock.js';
export type { BatchInfo, OutputOperationInfo, StreamInputInfo } from './streaming/scheduler/BatchInfo.js';
export type { ReceiverInfo, StreamingListener, StreamingListenerEvent } from './streaming/scheduler/StreamingListener.js';

// ---- Platform ----
export type { FileSystem } from './platform/FileSystem.js';

// ---- Receivers ----
export { Receiver } from './streaming/receiver/Receiver.js';
export type { ReceiverOptions, PIDRateEstimatorOptions } from './streaming/receiver/ReceiverOptions.js';
export { ReceiverError } from './errors.js';

// ---- State ----
export { State } from './streaming/state/State.js';
export { StateSpec } from './streaming/state/StateSpec.js';
export type { UpdateStateFunction } from './streaming/state/updateStateFunctions.js';
export type { MapWithStateDStream } from './streaming/dstream/internal.js';

// ---- Checkpoints ----
export type {
  CheckpointStore,
  CheckpointStoreOptions,
  CheckpointStoreUsage,
  CheckpointSummary,
  StoredCheckpoint,
} from './checkpoint/CheckpointStore.js';
export type { WriteAheadLog, WriteAheadLogRecordHandle } from './checkpoint/WriteAheadLog.js';
export type { DurableRecords } from './checkpoint/DurableRecords.js';
export { MemoryCheckpointStore } from './checkpoint/MemoryCheckpointStore.js';
export { CheckpointError } from './errors.js';
export { registerCheckpointClass } from './checkpoint/serialize.js';
export type { GetOrCreateOptions, RecoveryInfo } from './streaming/checkpoint/getOrCreate.js';
export {
  transactionalForeachRDD,
  type TransactionalForeachOptions,
} from './streaming/checkpoint/transactionalForeachRDD.js';

// ---- Sources ----
export type { SocketTextStreamOptions } from './connectors/SocketReceiver.js';
export type { FileStreamOptions } from './connectors/FileInputDStream.js';
export type { WebSocketStreamOptions } from './connectors/WebSocketReceiver.js';
export type { EventSourceStreamOptions } from './connectors/EventSourceReceiver.js';
export type {
  ClickEvent,
  ClicksGeneratorOptions,
  GeneratorStreamOptions,
  SensorReading,
  SensorsGeneratorOptions,
  WordsGeneratorOptions,
} from './connectors/syntheticRecords.js';
export { LineSplitter } from './connectors/LineSplitter.js';

// ---- Pipelines ----
export type {
  JsonValue,
  PipelineCheckpoint,
  PipelineEdge,
  PipelineNode,
  PipelineSpec,
  PortName,
} from './pipeline/PipelineSpec.js';
export { PIPELINE_SPEC_VERSION, PipelineLimits } from './pipeline/PipelineSpec.js';
export { PipelineProblemCodes, type PipelineProblem, type PipelineProblemCode } from './pipeline/PipelineProblem.js';
export { PipelineValidationError } from './errors.js';
export { parsePipelineSpec } from './pipeline/parsePipelineSpec.js';
export { validatePipeline } from './pipeline/validatePipeline.js';
export { canConnect, type ConnectCheck } from './pipeline/canConnect.js';
export { compilePipeline, type CompiledPipeline, type CompileOptions } from './pipeline/compilePipeline.js';
export { exportCode } from './pipeline/exportCode.js';
export { checkFunctionSource, type FunctionSourceCheck } from './pipeline/functionSource.js';
export { getOperator, operatorRegistry } from './pipeline/registry/operatorRegistry.js';
export type {
  ApplyContext,
  CodeContext,
  CollectedBatch,
  ElementKind,
  OperatorCategory,
  OperatorEntry,
  OperatorParams,
  ParamSpec,
  ParamType,
  PortSpec,
} from './pipeline/registry/OperatorEntry.js';
export { operatorsTableMarkdown } from './pipeline/operatorsTable.js';

// ---- Engine host ----
export { EngineClient, DEFAULT_BATCH_TIMEOUT_MS, type EngineClientOptions, type EngineListener } from './pipeline/host/EngineClient.js';
export { EngineHost, type EngineHostOptions } from './pipeline/host/EngineHost.js';
export { exposeEngineHost } from './pipeline/host/exposeEngineHost.js';
export type {
  EngineApi,
  EngineStatus,
  EngineSubscriber,
  LoadedNode,
  LoadedPipeline,
  LoadOptions,
  LoadResult,
  StepResult,
} from './pipeline/host/EngineApi.js';
export type {
  BatchInfoJson,
  BatchSnapshot,
  EngineEvent,
  EngineState,
  ErrorSource,
  HostEvent,
  LineageEdge,
  LineageGraph,
  LineageNode,
  ListenerEventJson,
  NodeSnapshot,
  OutputOperationInfoJson,
  ReceiverInfoJson,
  ReceiverSnapshot,
  StreamInputInfoJson,
} from './pipeline/host/EngineEvent.js';
export type { EventQueueLimits } from './pipeline/host/EventQueue.js';
export type { InspectionLimits } from './pipeline/host/BatchInspector.js';
export { MIN_SPEED, MAX_SPEED } from './pipeline/host/Pacer.js';
export type { RealTimer } from './pipeline/host/RealTimer.js';
export { serializeError, deserializeError, type SerializedError } from './pipeline/host/serializeError.js';
export { outputLines } from './pipeline/host/outputLines.js';
