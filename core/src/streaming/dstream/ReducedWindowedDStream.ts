import type { RDD } from '../../rdd/internal.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import type { Duration } from '../Duration.js';
import { Interval } from '../Interval.js';
import type { Time } from '../Time.js';
import { partitionerFingerprint } from '../checkpoint/GraphFingerprint.js';
import { DStream, requireWindowMultiples } from './internal.js';
import { ReducedWindowRDD } from './ReducedWindowRDD.js';

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
