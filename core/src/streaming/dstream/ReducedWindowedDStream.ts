import { IllegalStateError } from '../../errors.js';
import { CoGroupedRDD, type RDD } from '../../rdd/internal.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import { cloneValue } from '../../util/cloneValue.js';
import type { Duration } from '../Duration.js';
import { Interval } from '../Interval.js';
import type { Time } from '../Time.js';
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

    const previous = previousWindowRDD ?? this.context.rddContext.emptyRDD<[K, V]>();
    const cogrouped = new CoGroupedRDD<K>([previous, ...oldRDDs, ...newRDDs], this.partitioner);
    const merger = new WindowMerger(this, this.reduceFunc, this.invReduceFunc, oldRDDs.length, newRDDs.length);
    const merged = cogrouped.mapValues((groups) => merger.merge(groups as V[][]));
    return this.filterFunc ? merged.filter(this.filterFunc) : merged;
  }
}

/**
 * Merges one key's cogrouped values — [previous window, old batch 1..m, new batch 1..n], each
 * empty or holding one reduced value — into the key's value in the new window (Spark: the
 * `mergeValues` closure of `ReducedWindowedDStream.compute`).
 */
class WindowMerger<K, V> {
  constructor(
    private readonly stream: ReducedWindowedDStream<K, V>,
    private readonly reduceFunc: (a: V, b: V) => V,
    private readonly invReduceFunc: (a: V, b: V) => V,
    private readonly numOld: number,
    private readonly numNew: number,
  ) {}

  merge(groups: V[][]): V {
    const numOld = this.numOld;
    const previous = groups[0]!;
    if (previous.length === 0) {
      // A key new to the window: at least one new batch must hold it. Its old values, if any, are
      // ignored as in Spark (a filterFunc dropped it while it was live).
      if (!this.hasAny(groups, 1 + numOld, this.numNew)) throw this.noValue();
      return this.reduceHeads(groups, 1 + numOld, this.numNew);
    }
    // The previous value is read from a cached RDD: copy it before user functions may mutate it,
    // as Spark's deserialised cached blocks allow.
    let value = cloneValue(previous[0] as V);
    if (this.hasAny(groups, 1, numOld)) value = this.invReduceFunc(value, this.reduceHeads(groups, 1, numOld));
    if (this.hasAny(groups, 1 + numOld, this.numNew)) {
      value = this.reduceFunc(value, this.reduceHeads(groups, 1 + numOld, this.numNew));
    }
    return value;
  }

  private hasAny(groups: V[][], from: number, count: number): boolean {
    for (let i = from; i < from + count; i++) if (groups[i]!.length > 0) return true;
    return false;
  }

  /** Reduces the first value of each non-empty group in [from, from + count), in time order. */
  private reduceHeads(groups: V[][], from: number, count: number): V {
    const reduceFunc = this.reduceFunc;
    let isFirst = true;
    let acc!: V;
    for (let i = from; i < from + count; i++) {
      const group = groups[i]!;
      if (group.length === 0) continue;
      acc = isFirst ? cloneValue(group[0] as V) : reduceFunc(acc, group[0] as V);
      isFirst = false;
    }
    return acc;
  }

  private noValue(): IllegalStateError {
    return new IllegalStateError(
      'ILLEGAL_STATE',
      `${this.stream}: a key leaves the window, but neither the previous window nor the new batches have a value ` +
        'for it; filterFunc must only drop expired pairs, such as counts of 0.',
    );
  }
}
