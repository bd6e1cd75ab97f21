import { IllegalStateError } from '../../errors.js';
import { OneToOneDependency } from '../../rdd/Dependency.js';
import { RDD, type RDDContext } from '../../rdd/internal.js';
import { indexPartition, type Partition } from '../../rdd/Partition.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import type { TaskContext } from '../../rdd/TaskContext.js';
import { cloneValue } from '../../util/cloneValue.js';
import { KeyMap } from '../../util/KeyMap.js';
import type { Duration } from '../Duration.js';
import { Interval } from '../Interval.js';
import type { Time } from '../Time.js';
import { partitionerFingerprint } from '../checkpoint/GraphFingerprint.js';
import { DStream, requireWindowMultiples } from './internal.js';

/**
 * Reduces each window's values by key incrementally (Spark: `ReducedWindowedDStream`, behind
 * `reduceByKeyAndWindow` with an inverse function): each batch is reduced by key once, and each
 * window is the previous window with the batches that left it "inverse reduced" out and the
 * batches that entered it reduced in. Keys whose value falls back to the zero value are kept
 * unless `filterFunc` drops them. The window's lineage grows every slide, so it must be
 * checkpointed.
 */
export class ReducedWindowedDStream<K, V> extends DStream<[K, V]> {
  readonly className = 'ReducedWindowedDStream';
  override readonly mustCheckpoint = true;
  readonly dependencies: readonly DStream<unknown>[];
  /** Each batch of the parent reduced by key, once; windows are built from these. */
  private readonly reducedStream: DStream<[K, V]>;

  constructor(
    private readonly parent: DStream<[K, V]>,
    private readonly reduceFunc: (a: V, b: V) => V,
    private readonly invReduceFunc: (a: V, b: V) => V,
    private readonly filterFunc: ((pair: [K, V]) => boolean) | undefined,
    readonly windowDuration: Duration,
    readonly slideDuration: Duration,
    private readonly partitioner: Partitioner,
  ) {
    super(requireWindowMultiples('reduceByKeyAndWindow', parent, windowDuration, slideDuration));
    this.reducedStream = parent.reduceByKey(reduceFunc, partitioner);
    this.dependencies = [this.reducedStream];
    // Both are read again by later windows: each window RDD by the next one, each reduced batch
    // when it enters and when it leaves.
    this.persist(StorageLevel.MEMORY_ONLY_SER);
  }

  override get parentRememberDuration(): Duration {
    return this.rememberDuration!.plus(this.windowDuration);
  }

  override fingerprintParams(): Readonly<Record<string, string | boolean>> {
    return {
      window: String(this.windowDuration),
      slide: String(this.slideDuration),
      partitioner: partitionerFingerprint(this.partitioner),
      filter: this.filterFunc !== undefined,
    };
  }

  override get checkpointPartitioner(): Partitioner {
    return this.partitioner;
  }

  /** Persists this stream and its reduced batches (Spark: `ReducedWindowedDStream.persist`). */
  override persist(level: StorageLevel = StorageLevel.MEMORY_ONLY_SER): this {
    super.persist(level);
    this.reducedStream.persist(level);
    return this;
  }

  /**
   * The window ending at `validTime`, from the window one slide earlier:
   *
   *    _____________________________
   *   |  previous window   _________|___________________
   *   |___________________|       current window        |  --------------> Time
   *                       |_____________________________|
   *
   *   |________ _________|          |________ _________|
   *            |                             |
   *            V                             V
   *         old RDDs                     new RDDs
   *
   * Without a previous window (the first windows) it is reduced from the batches in the window.
   */
  compute(validTime: Time): RDD<[K, V]> {
    const parentSlide = this.parent.slideDuration;
    const currentWindow = new Interval(validTime.minus(this.windowDuration).plus(parentSlide), validTime);
    const previousWindow = currentWindow.minus(this.slideDuration);
    const previousWindowRDD = this.getOrCompute(previousWindow.endTime);

    let oldRDDs: RDD<[K, V]>[] = [];
    let newRDDs: RDD<[K, V]>[];
    if (previousWindowRDD) {
      // Spark's bounds, clamped so that old and new RDDs never overlap: they would when the
      // window is shorter than the slide, and then old = the whole previous window.
      const lastOld = currentWindow.beginTime.minus(parentSlide).min(previousWindow.endTime);
      const firstNew = previousWindow.endTime.plus(parentSlide).max(currentWindow.beginTime);
      oldRDDs = this.reducedStream.slice(previousWindow.beginTime, lastOld);
      newRDDs = this.reducedStream.slice(firstNew, currentWindow.endTime);
    } else {
      newRDDs = this.reducedStream.slice(currentWindow);
    }

    return new ReducedWindowRDD(
      this.context.rddContext,
      String(this),
      this.reduceFunc,
      this.invReduceFunc,
      this.filterFunc,
      previousWindowRDD,
      oldRDDs,
      newRDDs,
      this.partitioner,
    );
  }
}

/**
 * One window of a `ReducedWindowedDStream`, partition by partition: the previous window's pairs,
 * with the batches that left "inverse reduced" out and those that entered reduced in (Spark: a
 * `CoGroupedRDD` of [previous window, old batches, new batches] and its `mapValues(mergeValues)`).
 * Rather than a cogroup's group of arrays per key, the old and new batches — each reduced by key,
 * so one value per key — are folded into one small map of changes, and the previous window
 * streams past it: per key of the window one lookup, and a new pair only for the keys that
 * changed (the others' pairs are shared with the previous window). For every key:
 *
 *   in the previous window:  clone(previous) ⊖ reduce(old values) ⊕ reduce(new values)
 *   new to the window:       reduce(new values); old values are ignored, as in Spark (a filterFunc
 *                            dropped it while it was live); no new values either is an error
 *
 * where ⊖ is `invReduceFunc`, ⊕ `reduceFunc`, and each side is skipped when it has no values;
 * `filterFunc`, if any, then decides which pairs stay (fused here rather than a `filter` after).
 * Parents not partitioned by the window's partitioner (a restored checkpoint) are shuffled first.
 */
class ReducedWindowRDD<K, V> extends RDD<[K, V]> {
  readonly className = 'ReducedWindowRDD';
  // Dropped once checkpointed (`clearDependencies`), so earlier windows can be freed.
  private previous: RDD<[K, V]> | undefined;
  private oldRDDs: RDD<[K, V]>[];
  private newRDDs: RDD<[K, V]>[];

  constructor(
    context: RDDContext,
    /** The stream's name, for messages (not the stream: an RDD must not keep the graph alive). */
    private readonly streamName: string,
    private readonly reduceFunc: (a: V, b: V) => V,
    private readonly invReduceFunc: (a: V, b: V) => V,
    private readonly filterFunc: ((pair: [K, V]) => boolean) | undefined,
    previous: RDD<[K, V]> | undefined,
    oldRDDs: RDD<[K, V]>[],
    newRDDs: RDD<[K, V]>[],
    override readonly partitioner: Partitioner,
  ) {
    const by = (rdd: RDD<[K, V]>): RDD<[K, V]> => rdd.partitionBy(partitioner);
    const [prev, olds, news] = [previous && by(previous), oldRDDs.map(by), newRDDs.map(by)];
    const parents = prev ? [prev, ...olds, ...news] : [...olds, ...news];
    super(context, parents.map((rdd) => new OneToOneDependency(rdd)), 'reduceByKeyAndWindow');
    this.previous = prev;
    this.oldRDDs = olds;
    this.newRDDs = news;
  }

  protected getPartitions(): Partition[] {
    return Array.from({ length: this.partitioner.numPartitions }, (_, i) => indexPartition(i));
  }

  protected override clearDependencies(): void {
    this.previous = undefined;
    this.oldRDDs = [];
    this.newRDDs = [];
  }

  compute(split: Partition, context: TaskContext): Iterable<[K, V]> {
    const changes = new KeyMap<K, WindowChange<V>>();
    this.collectChanges(changes, this.oldRDDs, false, split, context);
    this.collectChanges(changes, this.newRDDs, true, split, context);
    const reduceFunc = this.reduceFunc;
    const invReduceFunc = this.invReduceFunc;
    const filterFunc = this.filterFunc;
    const out: [K, V][] = [];
    if (this.previous) {
      const previous = toArray(this.previous.iterator(split, context));
      for (let i = 0; i < previous.length; i++) {
        const pair = previous[i]!;
        const change = changes.size > 0 ? changes.get(pair[0]) : undefined;
        let merged = pair; // unchanged: shared with the previous window, as Spark returns its value
        if (change !== undefined) {
          change.isInPreviousWindow = true;
          // The previous value is read from a cached RDD: copy it before user functions may
          // mutate it, as Spark's deserialised cached blocks allow.
          let value = cloneValue(pair[1]);
          if (change.hasOld) value = invReduceFunc(value, change.oldValue!);
          if (change.hasNew) value = reduceFunc(value, change.newValue!);
          merged = [pair[0], value];
        }
        if (filterFunc === undefined || filterFunc(merged)) out.push(merged);
      }
    }
    changes.forEach((change, key) => {
      if (change.isInPreviousWindow) return;
      if (!change.hasNew) throw this.noValueError();
      const merged: [K, V] = [key, change.newValue!];
      if (filterFunc === undefined || filterFunc(merged)) out.push(merged);
    });
    return out;
  }

  /** Folds each key's values in `rdds` (one per RDD at most) into its change, in time order; the first one copied. */
  private collectChanges(
    changes: KeyMap<K, WindowChange<V>>,
    rdds: readonly RDD<[K, V]>[],
    isNew: boolean,
    split: Partition,
    context: TaskContext,
  ): void {
    const reduceFunc = this.reduceFunc;
    for (const rdd of rdds) {
      const pairs = toArray(rdd.iterator(split, context));
      for (let i = 0; i < pairs.length; i++) {
        const pair = pairs[i]!;
        let change = changes.get(pair[0]);
        if (change === undefined) changes.set(pair[0], (change = new WindowChange<V>()));
        if (isNew) {
          change.newValue = change.hasNew ? reduceFunc(change.newValue!, pair[1]) : cloneValue(pair[1]);
          change.hasNew = true;
        } else {
          change.oldValue = change.hasOld ? reduceFunc(change.oldValue!, pair[1]) : cloneValue(pair[1]);
          change.hasOld = true;
        }
      }
    }
  }

  private noValueError(): IllegalStateError {
    return new IllegalStateError(
      'ILLEGAL_STATE',
      `${this.streamName}: a key leaves the window, but neither the previous window nor the new batches have a value ` +
        'for it; filterFunc must only drop expired pairs, such as counts of 0.',
    );
  }
}

/** A partition as an array, to loop over by index: cached and checkpointed partitions already are one. */
function toArray<T>(values: Iterable<T>): readonly T[] {
  return Array.isArray(values) ? values : Array.from(values);
}

/** What the batches that left and entered a window do to one key (see `ReducedWindowRDD`). */
class WindowChange<V> {
  hasOld = false;
  oldValue: V | undefined = undefined;
  hasNew = false;
  newValue: V | undefined = undefined;
  isInPreviousWindow = false;
}
