/** What a running task knows about itself (Spark: `TaskContext`). */
export interface TaskContext {
  readonly stageId: number;
  readonly partitionId: number;
  readonly attemptNumber: number;
}
