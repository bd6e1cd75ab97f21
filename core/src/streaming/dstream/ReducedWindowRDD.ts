import { IllegalStateError } from '../../errors.js';
import { OneToOneDependency } from '../../rdd/Dependency.js';
import { RDD, type RDDContext } from '../../rdd/internal.js';
import { indexPartition, type Partition } from '../../rdd/Partition.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import type { TaskContext } from '../../rdd/TaskContext.js';
import { cloneValue } from '../../util/cloneValue.js';
import { KeyMap } from '../../util/KeyMap.js';

/**
 * One window of a `ReducedWindowedDStream`, partition by partition: the previous window's pairs,
 * with the batches that left "inverse reduced" out and those that entered reduced in (Spark: a
 * `CoGroupedRDD` of [previous window, old batches, new batches] and its `mapValues(mergeValues)`).
 * Rather than a cogroup's group of arrays per key, only the keys that changed are visited: a copy
 * of the previous window's array is edited in place through an index of where each key sits (each
 * window hands its index over to the next one, which rebuilds it only after a restore or a
 * recomputation), the batch that left and the batch that entered — each reduced by key, so one
 * pair per key — applied pair by pair. Pairs that did not change are shared with the previous
 * window, as Spark returns its value. For every changed key:
 *
 *   in the previous window:  clone(previous) ⊖ reduce(old values) ⊕ reduce(new values)
 *   new to the window:       reduce(new values); old values are ignored, as in Spark (a filterFunc
 *                            dropped it while it was live); no new values either is an error
 *
 * where ⊖ is `invReduceFunc`, ⊕ `reduceFunc`, and each side is skipped when it has no values
 * (when a slide spans several batches, each side's batches are reduced by key first).
 * `filterFunc`, if any, then decides whether the changed pair stays; an unchanged pair passed it
 * in the window it came from, so it is not asked again (Spark asks every pair every window: the
 * same answer for a filter that depends only on the pair, as an expiry test does). A pair that
 * leaves makes room for the window's last pair, so a window's order is not its keys' arrival order.
 * Parents not partitioned by the window's partitioner (a restored checkpoint) are shuffled first.
 */
export class ReducedWindowRDD<K, V> extends RDD<[K, V]> {
  readonly className = 'ReducedWindowRDD';
  // Dropped once checkpointed (`clearDependencies`), so earlier windows can be freed.
  private previous: RDD<[K, V]> | undefined;
  private oldRDDs: RDD<[K, V]>[];
  private newRDDs: RDD<[K, V]>[];
  /** Each computed partition's pairs and where each key sits in them, until the next window takes them over. */
  private readonly handovers: (WindowIndex<K, V> | undefined)[] = [];

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
    const reduceFunc = this.reduceFunc;
    const invReduceFunc = this.invReduceFunc;
    const leaving = this.reducedByKey(this.oldRDDs, split, context);
    const entering = this.reducedByKey(this.newRDDs, split, context);
    const previous = this.previous ? toArray(this.previous.iterator(split, context)) : [];
    const positions = this.takePositions(split, previous);
    const pairs = previous.slice();
    /** Where this window holds a pair of its own: changed, or new to the window. */
    const changed: number[] = [];
    /** Keys that left but were not in the previous window: each needs a value from the entering batch. */
    const unseen: K[] = [];
    for (let i = 0; i < leaving.length; i++) {
      const [key, value] = leaving[i]!;
      const at = positions.get(key);
      if (at === undefined) {
        unseen.push(key);
        continue;
      }
      // The previous value is read from a cached RDD: copy it before user functions may
      // mutate it, as Spark's deserialised cached blocks allow.
      const pair = pairs[at]!;
      pairs[at] = [pair[0], invReduceFunc(cloneValue(pair[1]), cloneValue(value))];
      changed.push(at);
    }
    for (let i = 0; i < entering.length; i++) {
      const pair = entering[i]!;
      const at = positions.get(pair[0]);
      if (at === undefined) {
        // A key new to the window shares its pair with its batch, as an unchanged one does with the previous window.
        positions.set(pair[0], pairs.length);
        changed.push(pairs.length);
        pairs.push(pair);
      } else if (pairs[at] === previous[at]) {
        const current = pairs[at]!;
        pairs[at] = [current[0], reduceFunc(cloneValue(current[1]), cloneValue(pair[1]))];
        changed.push(at);
      } else {
        // Made by the leaving pass (a key comes once in `entering`), so this window's own to update.
        pairs[at]![1] = reduceFunc(pairs[at]![1], cloneValue(pair[1]));
      }
    }
    if (unseen.some((key) => !positions.has(key))) throw this.noValueError();
    this.dropFiltered(pairs, positions, changed);
    this.handovers[split.index] = { pairs, positions };
    return pairs;
  }

  /** The pairs `rdds` hold in `split`, one per key: the one RDD's as they are, or several reduced by key in time order. */
  private reducedByKey(rdds: readonly RDD<[K, V]>[], split: Partition, context: TaskContext): readonly [K, V][] {
    if (rdds.length === 1) return toArray(rdds[0]!.iterator(split, context));
    const reduced = new KeyMap<K, V>();
    for (const rdd of rdds) {
      const pairs = toArray(rdd.iterator(split, context));
      for (let i = 0; i < pairs.length; i++) reduced.combine(pairs[i]![0], pairs[i]![1], cloneValue, this.reduceFunc);
    }
    return reduced.toArray();
  }

  /**
   * Asks `filterFunc` about the pairs at `changed` and removes those it rejects, highest position
   * first: each removal moves the last pair into the gap, and every pair after the gap has been asked.
   */
  private dropFiltered(pairs: [K, V][], positions: KeyMap<K, number>, changed: readonly number[]): void {
    const filterFunc = this.filterFunc;
    if (filterFunc === undefined) return;
    const rejected = changed.filter((at) => !filterFunc(pairs[at]!)).sort((a, b) => b - a);
    for (const at of rejected) {
      positions.delete(pairs[at]![0]);
      const last = pairs.pop()!;
      if (at === pairs.length) continue;
      pairs[at] = last;
      positions.set(last[0], at);
    }
  }

  /**
   * Where each key of the previous window sits: the index it handed over with exactly these pairs
   * (then no longer its own: this window edits it), or else (the first window, a restored
   * checkpoint, a recomputed partition) built again.
   */
  private takePositions(split: Partition, previous: readonly [K, V][]): KeyMap<K, number> {
    const rdd = this.previous;
    if (rdd instanceof ReducedWindowRDD) {
      const handovers = (rdd as ReducedWindowRDD<K, V>).handovers;
      const handover = handovers[split.index];
      handovers[split.index] = undefined;
      if (handover?.pairs === previous) return handover.positions;
    }
    const positions = new KeyMap<K, number>();
    for (let i = 0; i < previous.length; i++) positions.set(previous[i]![0], i);
    return positions;
  }

  private noValueError(): IllegalStateError {
    return new IllegalStateError(
      'ILLEGAL_STATE',
      `${this.streamName}: a key leaves the window, but neither the previous window nor the new batches have a value ` +
        'for it; filterFunc must only drop expired pairs, such as counts of 0.',
    );
  }
}

/** A window partition's pairs, and the position of each key in them. */
interface WindowIndex<K, V> {
  readonly pairs: readonly [K, V][];
  readonly positions: KeyMap<K, number>;
}

/** A partition as an array, to loop over by index: cached and checkpointed partitions already are one. */
function toArray<T>(values: Iterable<T>): readonly T[] {
  return Array.isArray(values) ? values : Array.from(values);
}
