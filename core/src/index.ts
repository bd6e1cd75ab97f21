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
