/** What a stage is: the map side of a shuffle, or the final stage that produces a job's results. */
export type StageKind = 'shuffleMap' | 'result';

/** A stage as listeners see it (Spark: `StageInfo`). Times are epoch milliseconds. */
export interface StageInfo {
  readonly stageId: number;
  readonly kind: StageKind;
  /** The RDD whose partitions the stage's tasks compute, as `toString()` prints it. */
  readonly rdd: string;
  readonly rddId: number;
  readonly numTasks: number;
  readonly submissionTime: number;
  /** Set once the stage has ended. */
  readonly completionTime?: number;
  /** Records written by all tasks: shuffle output for a map stage, results for a result stage. */
  readonly recordsOut?: number;
  readonly failureReason?: string;
}

/** One finished task (Spark: `TaskInfo` + its metrics). */
export interface TaskInfo {
  readonly stageId: number;
  readonly partition: number;
  readonly launchTime: number;
  readonly durationMs: number;
  /** Records the task's partition produced. */
  readonly records: number;
  readonly error?: unknown;
}

/** The scheduler's events, past tense, for the editor and for logs (Spark: `SparkListenerEvent`s). */
export type SchedulerEvent =
  | { readonly type: 'jobStarted'; readonly jobId: number; readonly stageIds: readonly number[]; readonly time: number }
  | {
      readonly type: 'jobEnded';
      readonly jobId: number;
      readonly time: number;
      readonly succeeded: boolean;
      readonly error?: unknown;
    }
  | { readonly type: 'stageSubmitted'; readonly stageInfo: StageInfo }
  | { readonly type: 'stageCompleted'; readonly stageInfo: StageInfo }
  | { readonly type: 'taskStarted'; readonly stageId: number; readonly partition: number; readonly time: number }
  | { readonly type: 'taskEnded'; readonly taskInfo: TaskInfo };

type EventOf<T extends SchedulerEvent['type']> = Extract<SchedulerEvent, { type: T }>;

/** Receives scheduler events; every method is optional (Spark: `SparkListener`). */
export interface SchedulerListener {
  onJobStart?(event: EventOf<'jobStarted'>): void;
  onJobEnd?(event: EventOf<'jobEnded'>): void;
  onStageSubmitted?(event: EventOf<'stageSubmitted'>): void;
  onStageCompleted?(event: EventOf<'stageCompleted'>): void;
  onTaskStart?(event: EventOf<'taskStarted'>): void;
  onTaskEnd?(event: EventOf<'taskEnded'>): void;
}

/** The listener method each event is delivered to. */
export const schedulerListenerMethod = {
  jobStarted: 'onJobStart',
  jobEnded: 'onJobEnd',
  stageSubmitted: 'onStageSubmitted',
  stageCompleted: 'onStageCompleted',
  taskStarted: 'onTaskStart',
  taskEnded: 'onTaskEnd',
} as const satisfies Record<SchedulerEvent['type'], keyof SchedulerListener>;
