import type { TaskContext } from '../rdd/TaskContext.js';

/** A unit of work: compute one partition of one stage. */
export interface Task<R> {
  readonly stageId: number;
  readonly partition: number;
  run(context: TaskContext): R | Promise<R>;
}

/**
 * Runs tasks (Spark: `Executor`). The contract: `runTask` settles with the task's result or
 * rejects with exactly the error the task threw. An implementation may run tasks concurrently
 * (a worker pool), so the scheduler never relies on the order tasks of one stage run in.
 */
export interface Executor {
  runTask<R>(task: Task<R>): Promise<R>;
}

/** Runs each task on the calling thread, one after another: the default, and what tests use. */
export class InThreadExecutor implements Executor {
  async runTask<R>(task: Task<R>): Promise<R> {
    return task.run({ stageId: task.stageId, partitionId: task.partition, attemptNumber: 0 });
  }
}
