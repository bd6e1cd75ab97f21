import { IllegalStateError } from '../../errors.js';
import { OneToOneDependency } from '../../rdd/Dependency.js';
import { RDD, type RDDContext } from '../../rdd/internal.js';
import { indexPartition, type Partition } from '../../rdd/Partition.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import type { TaskContext } from '../../rdd/TaskContext.js';
import { cloneValue } from '../../util/cloneValue.js';
import { HashFilter } from '../../util/HashFilter.js';
import { hashCode } from '../../util/hashCode.js';
import { KeyMap } from '../../util/KeyMap.js';

/**
 * One window of a `ReducedWindowedDStream`, partition by partition: the previous window's pairs,
 * with the batches that left "inverse reduced" out and those that entered reduced in (Spark: a
 * `CoGroupedRDD` of [previous window, old batches, new batches] and its `mapValues(mergeValues)`).
 * Rather than a cogroup's group of arrays per key, the old and new batches — each reduced by key,
 * so one value per key — are folded into one small map of changes, and the previous window
 * streams past it: a lookup only for the keys a `HashFilter` of the changes' key hashes may hold
 * (each window keeps its keys' hashes for the next one), and a new pair only for the keys that
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
export class ReducedWindowRDD<K, V> extends RDD<[K, V]> {
  readonly className = 'ReducedWindowRDD';
  // Dropped once checkpointed (`clearDependencies`), so earlier windows can be freed.
  private previous: RDD<[K, V]> | undefined;
  private oldRDDs: RDD<[K, V]>[];
  private newRDDs: RDD<[K, V]>[];
  /**
   * The hash codes of each computed partition's keys, in the order of its pairs, until the next
   * window reads them: with them it passes over the keys that did not change without a lookup.
   */
  private readonly keyHashes: (Int32Array | undefined)[] = [];

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
    const changes = new KeyMap<K, WindowChange<K, V>>();
    this.collectChanges(changes, this.oldRDDs, false, split, context);
    this.collectChanges(changes, this.newRDDs, true, split, context);
    const mayHaveChanged = new HashFilter(changes.size);
    changes.forEach((change) => mayHaveChanged.add(change.keyHash));
    const reduceFunc = this.reduceFunc;
    const invReduceFunc = this.invReduceFunc;
    const filterFunc = this.filterFunc;
    const previous = this.previous ? toArray(this.previous.iterator(split, context)) : [];
    const previousHashes = this.previousKeyHashes(split, previous);
    const out: [K, V][] = [];
    const hashes = new Int32Array(previous.length + changes.size);
    for (let i = 0; i < previous.length; i++) {
      const pair = previous[i]!;
      const hash = previousHashes[i]!;
      const change = mayHaveChanged.mayContain(hash) ? changes.get(pair[0]) : undefined;
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
      if (filterFunc === undefined || filterFunc(merged)) {
        hashes[out.length] = hash;
        out.push(merged);
      }
    }
    changes.forEach((change, key) => {
      if (change.isInPreviousWindow) return;
      if (!change.hasNew) throw this.noValueError();
      // A key's only new pair is shared with its batch, as an unchanged one is with the previous window.
      const merged: [K, V] = change.newPair ?? [key, change.newValue!];
      if (filterFunc === undefined || filterFunc(merged)) {
        hashes[out.length] = change.keyHash;
        out.push(merged);
      }
    });
    this.keyHashes[split.index] = hashes.subarray(0, out.length);
    return out;
  }

  /**
   * The hash codes of the previous window's keys, in the order of its pairs: the ones it
   * computed them with (then let go: only this window reads them), or else (the first window, a
   * restored checkpoint, a recomputed partition) computed again.
   */
  private previousKeyHashes(split: Partition, previous: readonly [K, V][]): Int32Array {
    const rdd = this.previous;
    if (rdd instanceof ReducedWindowRDD) {
      const saved = (rdd as ReducedWindowRDD<K, V>).keyHashes;
      const hashes = saved[split.index];
      saved[split.index] = undefined;
      if (hashes?.length === previous.length) return hashes;
    }
    const hashes = new Int32Array(previous.length);
    for (let i = 0; i < previous.length; i++) hashes[i] = hashCode(previous[i]![0]);
    return hashes;
  }

  /** Folds each key's values in `rdds` (one per RDD at most) into its change, in time order; the first one copied. */
  private collectChanges(
    changes: KeyMap<K, WindowChange<K, V>>,
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
        if (change === undefined) changes.set(pair[0], (change = new WindowChange<K, V>(hashCode(pair[0]))));
        if (isNew) {
          change.newPair = change.hasNew ? undefined : pair;
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
class WindowChange<K, V> {
  hasOld = false;
  oldValue: V | undefined = undefined;
  hasNew = false;
  newValue: V | undefined = undefined;
  /** The new batches' pair for the key while there is one. */
  newPair: [K, V] | undefined = undefined;
  isInPreviousWindow = false;

  /** `keyHash`: the key's `hashCode`, for the window's `HashFilter` and the next window's scan. */
  constructor(readonly keyHash: number) {}
}
