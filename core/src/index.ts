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
