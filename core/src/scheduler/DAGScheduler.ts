import { TaskFailedError } from '../errors.js';
import { ShuffleDependency } from '../rdd/Dependency.js';
import type { RDD } from '../rdd/internal.js';
import type { TaskContext } from '../rdd/TaskContext.js';
import type { SchedulerEvent, StageInfo, StageKind } from './events.js';
import type { Executor } from './Executor.js';
import { shuffleWriterFor } from './ShuffleWriter.js';

/** What a task hands back: its value, and how many records its partition produced. */
interface TaskOutput<R> {
  readonly value: R;
  readonly records: number;
}

/**
 * Splits a job into stages at shuffle boundaries and runs them parents first, one task per
 * partition, on the executor (Spark: `DAGScheduler`). Shuffle output lives on its
 * `ShuffleDependency`, so a stage whose output is present is skipped, and a shuffle that two
 * jobs need at once is computed once.
 */
export class DAGScheduler {
  private nextJobId = 0;
  private nextStageId = 0;
  private readonly shufflesInFlight = new WeakMap<ShuffleDependency, Promise<void>>();

  constructor(
    private readonly executor: Executor,
    private readonly post: (event: SchedulerEvent) => void,
  ) {}

  /** Runs `func` on the listed partitions of `rdd` and returns its results in partition order. */
  async runJob<T, R>(
    rdd: RDD<T>,
    func: (values: T[], context: TaskContext) => R | Promise<R>,
    partitions: readonly number[],
  ): Promise<R[]> {
    const jobId = this.nextJobId++;
    await prepareLineage(rdd, new Set());
    const shuffles = missingShuffles(rdd);
    const stageIds = shuffles.map(() => this.nextStageId++);
    const resultStageId = this.nextStageId++;
    this.post({ type: 'jobStarted', jobId, stageIds: [...stageIds, resultStageId], time: Date.now() });
    try {
      for (let i = 0; i < shuffles.length; i++) await this.ensureShuffle(shuffles[i]!, stageIds[i]!);
      const results = await this.runStage(resultStageId, 'result', rdd, partitions, async (split, context) => {
        const values = rdd.collectPartition(split, context);
        return { value: await func(values, context), records: values.length };
      });
      await checkpointLineage(rdd, new Set());
      this.post({ type: 'jobEnded', jobId, time: Date.now(), succeeded: true });
      return results;
    } catch (error) {
      this.post({ type: 'jobEnded', jobId, time: Date.now(), succeeded: false, error });
      throw error;
    }
  }

  /** Computes a shuffle's missing map outputs, unless another job is already doing it. */
  private ensureShuffle(dep: ShuffleDependency, stageId: number): Promise<void> {
    if (dep.isAvailable()) return Promise.resolve();
    let inFlight = this.shufflesInFlight.get(dep);
    if (!inFlight) {
      inFlight = this.runShuffleMapStage(dep, stageId).finally(() => this.shufflesInFlight.delete(dep));
      this.shufflesInFlight.set(dep, inFlight);
    }
    return inFlight;
  }

  private async runShuffleMapStage(dep: ShuffleDependency, stageId: number): Promise<void> {
    const missing: number[] = [];
    for (let p = 0; p < dep.rdd.getNumPartitions(); p++) if (dep.mapOutputs[p] === undefined) missing.push(p);
    await this.runStage(stageId, 'shuffleMap', dep.rdd, missing, (split, context) => {
      const writer = shuffleWriterFor(dep);
      dep.rdd.pushPartition(split, context, writer);
      dep.mapOutputs[split.index] = writer.finish();
      return { value: undefined, records: writer.recordsIn };
    });
  }

  private async runStage<T, R>(
    stageId: number,
    kind: StageKind,
    rdd: RDD<T>,
    partitions: readonly number[],
    body: (split: RDD<T>['partitions'][number], context: TaskContext) => TaskOutput<R> | Promise<TaskOutput<R>>,
  ): Promise<R[]> {
    const submitted: StageInfo = {
      stageId,
      kind,
      rdd: rdd.toString(),
      rddId: rdd.id,
      numTasks: partitions.length,
      submissionTime: Date.now(),
    };
    this.post({ type: 'stageSubmitted', stageInfo: submitted });
    try {
      const outputs = await Promise.all(
        partitions.map((p) => this.runTask(stageId, rdd, p, (context) => body(rdd.partitions[p]!, context))),
      );
      const recordsOut = outputs.reduce((sum, o) => sum + o.records, 0);
      this.post({ type: 'stageCompleted', stageInfo: { ...submitted, completionTime: Date.now(), recordsOut } });
      return outputs.map((o) => o.value);
    } catch (error) {
      const failureReason = error instanceof Error ? error.message : String(error);
      this.post({ type: 'stageCompleted', stageInfo: { ...submitted, completionTime: Date.now(), failureReason } });
      throw error;
    }
  }

  private async runTask<R>(
    stageId: number,
    rdd: RDD<unknown>,
    partition: number,
    run: (context: TaskContext) => TaskOutput<R> | Promise<TaskOutput<R>>,
  ): Promise<TaskOutput<R>> {
    const launchTime = Date.now();
    const started = performance.now();
    this.post({ type: 'taskStarted', stageId, partition, time: launchTime });
    const ended = (records: number, error?: unknown) =>
      this.post({
        type: 'taskEnded',
        taskInfo: { stageId, partition, launchTime, durationMs: performance.now() - started, records, error },
      });
    try {
      const output = await this.executor.runTask({ stageId, partition, run });
      ended(output.records);
      return output;
    } catch (cause) {
      const error = cause instanceof TaskFailedError ? cause : new TaskFailedError(rdd.id, rdd.toString(), partition, stageId, cause);
      ended(0, error);
      throw error;
    }
  }
}

/** Awaits every RDD's `prepare()` in the lineage, parents first. */
async function prepareLineage(rdd: RDD<unknown>, visited: Set<number>): Promise<void> {
  if (visited.has(rdd.id)) return;
  visited.add(rdd.id);
  for (const dep of rdd.dependencies) await prepareLineage(dep.rdd, visited);
  await rdd.prepare();
}

/** The shuffles whose output the job lacks, parents before children (a post-order walk). */
function missingShuffles(rdd: RDD<unknown>): ShuffleDependency[] {
  const result: ShuffleDependency[] = [];
  const visited = new Set<number>();
  const visit = (r: RDD<unknown>): void => {
    if (visited.has(r.id)) return;
    visited.add(r.id);
    for (const dep of r.dependencies) {
      if (dep instanceof ShuffleDependency) {
        if (dep.isAvailable() || result.includes(dep)) continue;
        visit(dep.rdd);
        result.push(dep);
      } else {
        visit(dep.rdd);
      }
    }
  };
  visit(rdd);
  return result;
}

/** Completes pending local checkpoints after a job, outermost first (Spark: `RDD.doCheckpoint`). */
async function checkpointLineage(rdd: RDD<unknown>, visited: Set<number>): Promise<void> {
  if (visited.has(rdd.id) || rdd.isCheckpointed()) return;
  visited.add(rdd.id);
  await rdd.doCheckpoint();
  if (rdd.isCheckpointed()) return;
  for (const dep of rdd.dependencies) await checkpointLineage(dep.rdd, visited);
}
