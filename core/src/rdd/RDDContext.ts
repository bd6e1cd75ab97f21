import { IllegalStateError, ValidationError } from '../errors.js';
import { DAGScheduler } from '../scheduler/DAGScheduler.js';
import { schedulerListenerMethod, type SchedulerEvent, type SchedulerListener } from '../scheduler/events.js';
import { InThreadExecutor, type Executor } from '../scheduler/Executor.js';
import { ListenerBus } from '../scheduler/ListenerBus.js';
import { consoleLogger, type Logger } from '../util/Logger.js';
import { BlockManager } from './BlockManager.js';
import { EmptyRDD, ParallelCollectionRDD, UnionRDD, type RDD } from './internal.js';
import type { TaskContext } from './TaskContext.js';

/** Options of an `RDDContext`. */
export interface RDDContextOptions {
  /** `'local'` (1 slot), `'local[N]'` or `'local[*]'`: sets `defaultParallelism`. Default `'local[2]'`. */
  master?: string;
  appName?: string;
  /** The budget for cached partitions, in estimated bytes. Default 512 MiB. */
  memoryLimitBytes?: number;
  /** Where tasks run. Default: on the calling thread. */
  executor?: Executor;
  logger?: Logger;
}

/**
 * The entry point for RDDs (Spark: `SparkContext`): creates base RDDs, runs jobs, and owns the
 * block manager and the scheduler.
 */
export class RDDContext {
  readonly master: string;
  readonly appName: string;
  /** Partitions `parallelize` makes by default: N of `local[N]`. */
  readonly defaultParallelism: number;
  /** @internal */
  readonly blockManager: BlockManager;
  /** @internal */
  readonly logger: Logger;
  private readonly scheduler: DAGScheduler;
  private readonly listeners: ListenerBus<SchedulerListener, SchedulerEvent>;
  private nextRddId = 0;
  private nextShuffleId = 0;
  private stopped = false;
  private creationSiteScope: string | undefined;

  constructor(options: RDDContextOptions = {}) {
    this.master = options.master ?? 'local[2]';
    this.appName = options.appName ?? 'rivulet';
    this.defaultParallelism = parallelismOf(this.master);
    this.logger = options.logger ?? consoleLogger;
    this.blockManager = new BlockManager(options.memoryLimitBytes ?? 512 * 1024 * 1024, this.logger);
    this.listeners = new ListenerBus((e) => schedulerListenerMethod[e.type], this.logger);
    this.scheduler = new DAGScheduler(options.executor ?? new InThreadExecutor(), (e) => this.listeners.post(e));
  }

  /** A local collection as an RDD of `numSlices` partitions (Spark: `SparkContext.parallelize`). */
  parallelize<T>(data: Iterable<T>, numSlices: number = this.defaultParallelism): RDD<T> {
    return new ParallelCollectionRDD(this, data, numSlices);
  }

  /** An RDD with no partitions and no elements. */
  emptyRDD<T>(): RDD<T> {
    return new EmptyRDD<T>(this);
  }

  /** The partitions of all `rdds`, one after another. */
  union<T>(rdds: RDD<T>[]): RDD<T> {
    return new UnionRDD(this, rdds);
  }

  /**
   * Runs `func` on each listed partition's elements and returns the results in partition order
   * (Spark: `SparkContext.runJob`). Actions are built on this.
   */
  runJob<T, R>(
    rdd: RDD<T>,
    func: (values: T[], context: TaskContext) => R | Promise<R>,
    partitions?: readonly number[],
  ): Promise<R[]> {
    if (this.stopped) {
      return Promise.reject(
        new IllegalStateError('ILLEGAL_STATE', `Cannot run a job on ${rdd}: its RDDContext was stopped; create a new one.`),
      );
    }
    return this.scheduler.runJob(rdd, func, partitions ?? rdd.partitions.map((p) => p.index));
  }

  addSchedulerListener(listener: SchedulerListener): void {
    this.listeners.add(listener);
  }

  removeSchedulerListener(listener: SchedulerListener): void {
    this.listeners.remove(listener);
  }

  /** Refuses new jobs and drops cached partitions. */
  stop(): void {
    this.stopped = true;
    this.blockManager.clear();
  }

  isStopped(): boolean {
    return this.stopped;
  }

  /** @internal */
  newRddId(): number {
    return this.nextRddId++;
  }

  /** @internal */
  newShuffleId(): number {
    return this.nextShuffleId++;
  }

  /**
   * @internal Builds the RDDs of an operator made of other operators (distinct is map,
   * reduceByKey and map) so that lineage shows all of them at the operator the user called, as
   * Spark's call sites do. The outermost operator wins.
   */
  withCreationSite<R>(site: string, build: () => R): R {
    if (this.creationSiteScope !== undefined) return build();
    this.creationSiteScope = site;
    try {
      return build();
    } finally {
      this.creationSiteScope = undefined;
    }
  }

  /** @internal The operator whose RDDs are being built, inside `withCreationSite`. */
  get scopedCreationSite(): string | undefined {
    return this.creationSiteScope;
  }
}

function parallelismOf(master: string): number {
  const match = /^local(?:\[(\d+|\*)\])?$/.exec(master);
  if (!match) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `master '${master}' is not supported; use 'local', 'local[N]' (N threads) or 'local[*]'.`,
    );
  }
  if (match[1] === undefined) return 1;
  if (match[1] === '*') return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  const n = Number(match[1]);
  if (n < 1) throw new ValidationError('INVALID_ARGUMENT', `master '${master}': N must be at least 1.`);
  return n;
}
