import { RivuletError, ValidationError } from '../errors.js';
import { cloneValue } from '../util/cloneValue.js';
import { compareKeys } from '../util/compareKeys.js';
import { KeyMap } from '../util/KeyMap.js';
import type { Aggregator } from './Aggregator.js';
import { debugLines } from './debugString.js';
import { defaultPartitioner } from './defaultPartitioner.js';
import { OneToOneDependency, type Dependency } from './Dependency.js';
import {
  CartesianRDD,
  CoGroupedRDD,
  CoalescedRDD,
  ElementwiseRDD,
  LocalCheckpointRDD,
  MapPartitionsRDD,
  ShuffledRDD,
  UnionRDD,
  ZippedWithIndexRDD,
  type RDDContext,
} from './internal.js';
import type { Partition } from './Partition.js';
import { HashPartitioner, toPartitioner, type Partitioner, type PartitionerLike } from './Partitioner.js';
import { RangePartitioner } from './RangePartitioner.js';
import { filterOp, flatMapOp, mapOp, mapValuesOp, pushAll, type Sink } from './sinks.js';
import { StorageLevel } from './StorageLevel.js';
import type { TaskContext } from './TaskContext.js';

/**
 * A Resilient Distributed Dataset (Spark: `RDD`): an immutable, partitioned collection that is
 * computed lazily from its lineage. Transformations return new RDDs; actions are asynchronous
 * and run a job on the context's scheduler.
 *
 * Subclasses implement `getPartitions()` and `compute(split, context)`, and pass their
 * dependencies to the constructor, exactly as in Spark.
 */
export abstract class RDD<T> {
  /** Unique within its context, in creation order. */
  readonly id: number;
  /** A user-chosen name shown in lineage; see `setName`. */
  name: string | undefined;
  /** The class name shown in lineage, as Spark prints it. */
  abstract readonly className: string;
  /** How this RDD's keys are partitioned, when it is known (pair RDDs after a shuffle). */
  readonly partitioner: Partitioner | undefined = undefined;

  private cachedPartitions: Partition[] | undefined;
  private storageLevel = StorageLevel.NONE;
  private checkpoint_: LocalCheckpointState<T> | undefined;
  /** @internal The operator that created this RDD, shown in lineage (`map`, `parallelize`...). */
  readonly creationSite: string;

  protected constructor(
    readonly context: RDDContext,
    private deps: Dependency[],
    creationSite: string,
  ) {
    this.id = context.newRddId();
    this.creationSite = context.scopedCreationSite ?? creationSite;
  }

  // ---- Contract for subclasses ----

  protected abstract getPartitions(): Partition[];

  /** Computes one partition from the parents (Spark: `RDD.compute`). */
  abstract compute(split: Partition, context: TaskContext): Iterable<T>;

  // ---- Lineage ----

  /** This RDD's partitions (computed once). */
  get partitions(): Partition[] {
    if (this.checkpoint_?.rdd) return this.checkpoint_.rdd.partitions;
    return (this.cachedPartitions ??= this.getPartitions());
  }

  getNumPartitions(): number {
    return this.partitions.length;
  }

  /** The parents this RDD is computed from; a checkpointed RDD depends only on its saved data. */
  get dependencies(): Dependency[] {
    const saved = this.checkpoint_?.rdd;
    return saved ? [new OneToOneDependency(saved)] : this.deps;
  }

  /** Sets the name shown in lineage and returns this RDD. */
  setName(name: string): this {
    this.name = name;
    return this;
  }

  toString(): string {
    return `${this.name ? `${this.name} ` : ''}${this.className}[${this.id}] at ${this.creationSite}`;
  }

  /** The lineage, one line per RDD, indented per stage with `+-` at shuffles (Spark: `RDD.toDebugString`). */
  toDebugString(): string {
    return debugLines(this).join('\n');
  }

  // ---- Computing partitions (engine side) ----

  /** @internal A partition's elements, from the cache or checkpoint when present, else computed. */
  iterator(split: Partition, context: TaskContext): Iterable<T> {
    const checkpoint = this.checkpoint_;
    if (checkpoint?.rdd) return checkpoint.rdd.compute(split, context);
    if (checkpoint) return (checkpoint.partitions[split.index] ??= toArray(this.computeOrRead(split, context)));
    return this.computeOrRead(split, context);
  }

  /**
   * @internal Pushes a partition's elements into a sink. Element-wise RDDs override this to fuse
   * with their parent, so a chain of narrow operators runs as one pass.
   */
  pushPartition(split: Partition, context: TaskContext, sink: Sink<T>): void {
    pushAll(this.iterator(split, context), sink);
  }

  /**
   * @internal A partition's elements in an array of the caller's own, to keep or change: a copy
   * of the cached or computed array (one `slice`, where pushing element by element would grow it).
   */
  collectPartition(split: Partition, context: TaskContext): T[] {
    const values = this.iterator(split, context);
    return Array.isArray(values) ? values.slice() : Array.from(values);
  }

  /** @internal True when computing a partition must go through `iterator` (cache or checkpoint). */
  get isMaterialized(): boolean {
    return this.storageLevel !== StorageLevel.NONE || this.checkpoint_ !== undefined;
  }

  /** @internal Work that must happen before a job's tasks run (e.g. sampling for a range partitioner). */
  prepare(): Promise<void> {
    return Promise.resolve();
  }

  private computeOrRead(split: Partition, context: TaskContext): Iterable<T> {
    if (this.storageLevel === StorageLevel.NONE) return this.compute(split, context);
    return this.context.blockManager.getOrCompute(this.id, split.index, () => toArray(this.compute(split, context)));
  }

  // ---- Persistence ----

  /** Keeps computed partitions in memory after the first job that computes them (Spark: `RDD.persist`). */
  persist(level: StorageLevel = StorageLevel.MEMORY_ONLY): this {
    if (this.storageLevel !== StorageLevel.NONE && this.storageLevel !== level) {
      throw new RivuletError(
        'INVALID_ARGUMENT',
        `${this}: cannot change storage level from ${this.storageLevel} to ${level}; unpersist() it first.`,
      );
    }
    this.storageLevel = level;
    return this;
  }

  /** `persist(StorageLevel.MEMORY_ONLY)` (Spark: `RDD.cache`). */
  cache(): this {
    return this.persist(StorageLevel.MEMORY_ONLY);
  }

  /** Drops the cached partitions and stops caching (Spark: `RDD.unpersist`). */
  unpersist(): this {
    this.context.blockManager.removeRdd(this.id);
    this.storageLevel = StorageLevel.NONE;
    return this;
  }

  getStorageLevel(): StorageLevel {
    return this.storageLevel;
  }

  /**
   * Marks this RDD for local checkpointing: after the next job, its partitions are kept with the
   * RDD and its lineage is truncated (Spark: `RDD.localCheckpoint`).
   */
  localCheckpoint(): this {
    this.checkpoint_ ??= { partitions: [], rdd: undefined };
    return this;
  }

  /**
   * @internal Marks this RDD for a checkpoint with a pluggable write step: after the next job has
   * computed every partition, `save` gets them, then the lineage is truncated as for
   * `localCheckpoint` (Spark: `RDD.checkpoint`, whose `ReliableRDDCheckpointData` writes the
   * partitions to the checkpoint directory). The streaming engine serialises them into its
   * metadata checkpoint. `save` is synchronous, so one job completes the checkpoint before
   * another can see it pending; if it throws, the job fails with its error and the lineage stays.
   */
  checkpointWith(save: (partitions: readonly (readonly T[])[]) => void): this {
    this.localCheckpoint();
    this.checkpoint_!.save = save;
    return this;
  }

  /** True once a checkpoint has replaced this RDD's lineage. */
  isCheckpointed(): boolean {
    return this.checkpoint_?.rdd !== undefined;
  }

  /** @internal Completes a pending checkpoint whose partitions have all been computed. */
  async doCheckpoint(): Promise<void> {
    const state = this.checkpoint_;
    if (!state || state.rdd) return;
    const n = this.getNumPartitions();
    const missing: number[] = [];
    for (let i = 0; i < n; i++) if (state.partitions[i] === undefined) missing.push(i);
    if (missing.length > 0) await this.context.runJob(this, () => undefined, missing);
    if (state.rdd) return; // the job above completed it
    const saved = state.partitions.slice(0, n) as T[][];
    state.save?.(saved);
    state.rdd = new LocalCheckpointRDD(this.context, saved, this.partitioner);
    state.partitions = [];
    this.markCheckpointed();
  }

  /**
   * Lets go of the lineage the checkpoint replaced, so that the parents can be garbage-collected:
   * without this, a stream whose every RDD builds on the previous one (windows, state) would keep
   * all of them alive (Spark: `RDD.markCheckpointed`).
   */
  private markCheckpointed(): void {
    this.deps = [];
    this.cachedPartitions = undefined;
    this.clearDependencies();
  }

  /** Subclasses that keep their parents in fields drop them here (Spark: `RDD.clearDependencies`). */
  protected clearDependencies(): void {}

  // ---- Transformations ----

  map<U>(f: (value: T) => U): RDD<U> {
    return new ElementwiseRDD(this, mapOp(f));
  }

  flatMap<U>(f: (value: T) => Iterable<U>): RDD<U> {
    return new ElementwiseRDD(this, flatMapOp(f));
  }

  filter(predicate: (value: T) => boolean): RDD<T> {
    return new ElementwiseRDD(this, filterOp(predicate), true);
  }

  mapPartitions<U>(f: (values: Iterable<T>) => Iterable<U>, preservesPartitioning = false): RDD<U> {
    return new MapPartitionsRDD(this, (_index, values) => f(values), 'mapPartitions', preservesPartitioning);
  }

  mapPartitionsWithIndex<U>(
    f: (index: number, values: Iterable<T>) => Iterable<U>,
    preservesPartitioning = false,
  ): RDD<U> {
    return new MapPartitionsRDD(this, f, 'mapPartitionsWithIndex', preservesPartitioning);
  }

  /** Each partition as one array. */
  glom(): RDD<T[]> {
    return new MapPartitionsRDD(this, (_index, values) => [Array.from(values)], 'glom');
  }

  union(other: RDD<T>): RDD<T> {
    return new UnionRDD(this.context, [this, other]);
  }

  distinct(numPartitions: number = this.getNumPartitions()): RDD<T> {
    return this.context.withCreationSite('distinct', () =>
      this.map((v): [T, null] => [v, null])
        .reduceByKey((a) => a, numPartitions)
        .map((pair) => pair[0]),
    );
  }

  /** Exactly `numPartitions` partitions, through a shuffle that spreads elements round-robin. */
  repartition(numPartitions: number): RDD<T> {
    return this.context.withCreationSite('repartition', () => this.coalesce(numPartitions, true));
  }

  /** Fewer partitions without a shuffle, or any number with `shuffle = true` (Spark: `RDD.coalesce`). */
  coalesce(numPartitions: number, shuffle = false): RDD<T> {
    requirePositive('coalesce', 'numPartitions', numPartitions);
    if (!shuffle) return new CoalescedRDD(this, numPartitions);
    const parents = this.getNumPartitions();
    return this.context.withCreationSite('coalesce', () => {
      // Parent partitions start at evenly spaced positions (Spark starts each at a seeded random
      // one), so that every output partition gets elements even when there are more of them.
      const spread = this.mapPartitionsWithIndex(function* (index, values): Iterable<[number, T]> {
        let position = Math.floor((index * numPartitions) / parents);
        for (const v of values) {
          yield [position, v];
          position = position + 1 === numPartitions ? 0 : position + 1;
        }
      });
      return new ShuffledRDD<number, T, T>(spread, new HashPartitioner(numPartitions), 'coalesce').values();
    });
  }

  /** Sorted by `f(element)` through a range-partitioned shuffle (Spark: `RDD.sortBy`). */
  sortBy<K>(f: (value: T) => K, ascending = true, numPartitions: number = this.getNumPartitions()): RDD<T> {
    return this.context.withCreationSite('sortBy', () => this.keyBy(f).sortByKey(ascending, numPartitions).values());
  }

  keyBy<K>(f: (value: T) => K): RDD<[K, T]> {
    return new ElementwiseRDD(this, mapOp((v: T): [K, T] => [f(v), v], 'keyBy'));
  }

  /** Every pair of an element of this RDD and one of `other`. */
  cartesian<U>(other: RDD<U>): RDD<[T, U]> {
    return new CartesianRDD(this, other);
  }

  /** Pairs each element with its position across partitions; runs a job first to count them. */
  zipWithIndex(): RDD<[T, number]> {
    return new ZippedWithIndexRDD(this);
  }

  // ---- Transformations on key-value pairs ----

  mapValues<K, V, W>(this: RDD<[K, V]>, f: (value: V) => W): RDD<[K, W]> {
    return new ElementwiseRDD(this, mapValuesOp(f), true);
  }

  flatMapValues<K, V, W>(this: RDD<[K, V]>, f: (value: V) => Iterable<W>): RDD<[K, W]> {
    const op = flatMapOp(function* (pair: [K, V]): Iterable<[K, W]> {
      for (const w of f(pair[1])) yield [pair[0], w];
    }, 'flatMapValues');
    return new ElementwiseRDD(this, op, true);
  }

  keys<K, V>(this: RDD<[K, V]>): RDD<K> {
    return new ElementwiseRDD(this, mapOp((pair: [K, V]) => pair[0], 'keys'));
  }

  values<K, V>(this: RDD<[K, V]>): RDD<V> {
    return new ElementwiseRDD(this, mapOp((pair: [K, V]) => pair[1], 'values'));
  }

  /** The generic shuffle aggregation every by-key operation is built on (Spark: `combineByKeyWithClassTag`). */
  combineByKey<K, V, C>(
    this: RDD<[K, V]>,
    createCombiner: (value: V) => C,
    mergeValue: (combiner: C, value: V) => C,
    mergeCombiners: (a: C, b: C) => C,
    partitioner?: PartitionerLike,
    mapSideCombine = true,
  ): RDD<[K, C]> {
    const aggregator: Aggregator<V, C> = { createCombiner, mergeValue, mergeCombiners };
    const target = toPartitioner(partitioner, () => defaultPartitioner(this));
    if (this.partitioner?.equals(target)) {
      // Already partitioned this way: combine within each partition, no shuffle (as Spark does).
      return new MapPartitionsRDD(this, (_i, pairs) => combineLocally(pairs, aggregator), 'combineByKey', true);
    }
    return new ShuffledRDD<K, V, C>(this, target, 'combineByKey', aggregator, mapSideCombine);
  }

  reduceByKey<K, V>(this: RDD<[K, V]>, func: (a: V, b: V) => V, partitioner?: PartitionerLike): RDD<[K, V]> {
    return this.context.withCreationSite('reduceByKey', () => this.combineByKey((v) => v, func, func, partitioner));
  }

  groupByKey<K, V>(this: RDD<[K, V]>, partitioner?: PartitionerLike): RDD<[K, V[]]> {
    return this.context.withCreationSite('groupByKey', () =>
      this.combineByKey<K, V, V[]>(
        (v) => [v],
        (c, v) => (c.push(v), c),
        (a, b) => (a.push(...b), a),
        partitioner,
        false,
      ),
    );
  }

  aggregateByKey<K, V, U>(
    this: RDD<[K, V]>,
    zeroValue: U,
    seqOp: (acc: U, value: V) => U,
    combOp: (a: U, b: U) => U,
    partitioner?: PartitionerLike,
  ): RDD<[K, U]> {
    return this.context.withCreationSite('aggregateByKey', () =>
      this.combineByKey((v) => seqOp(cloneValue(zeroValue), v), seqOp, combOp, partitioner),
    );
  }

  foldByKey<K, V>(this: RDD<[K, V]>, zeroValue: V, func: (a: V, b: V) => V, partitioner?: PartitionerLike): RDD<[K, V]> {
    return this.context.withCreationSite('foldByKey', () =>
      this.combineByKey((v) => func(cloneValue(zeroValue), v), func, func, partitioner),
    );
  }

  /** Repartitions by key with `partitioner`; a no-op when already partitioned that way. */
  partitionBy<K, V>(this: RDD<[K, V]>, partitioner: PartitionerLike): RDD<[K, V]> {
    const target = toPartitioner(partitioner, () => defaultPartitioner(this));
    return this.partitioner?.equals(target) ? this : new ShuffledRDD<K, V, V>(this, target, 'partitionBy');
  }

  /** Sorts by key with a range partitioner, so partition i holds keys before partition i + 1's. */
  sortByKey<K, V>(this: RDD<[K, V]>, ascending = true, numPartitions: number = this.getNumPartitions()): RDD<[K, V]> {
    const compare = ascending ? compareKeys : (a: unknown, b: unknown) => compareKeys(b, a);
    return this.context.withCreationSite('sortByKey', () => {
      const partitioner = new RangePartitioner(numPartitions, this, compare);
      const shuffled = new ShuffledRDD<K, V, V>(this, partitioner, 'sortByKey');
      return new MapPartitionsRDD(
        shuffled,
        (_i, pairs) => Array.from(pairs).sort((a, b) => compare(a[0], b[0])),
        'sortByKey',
        true,
      );
    });
  }

  /** For each key, the values from this RDD and from each other RDD (Spark: `cogroup`). */
  cogroup<K, V, W>(this: RDD<[K, V]>, other: RDD<[K, W]>, partitioner?: PartitionerLike): RDD<[K, [V[], W[]]]>;
  cogroup<K, V, W1, W2>(
    this: RDD<[K, V]>,
    other1: RDD<[K, W1]>,
    other2: RDD<[K, W2]>,
    partitioner?: PartitionerLike,
  ): RDD<[K, [V[], W1[], W2[]]]>;
  cogroup<K, V, W1, W2, W3>(
    this: RDD<[K, V]>,
    other1: RDD<[K, W1]>,
    other2: RDD<[K, W2]>,
    other3: RDD<[K, W3]>,
    partitioner?: PartitionerLike,
  ): RDD<[K, [V[], W1[], W2[], W3[]]]>;
  cogroup<K>(this: RDD<[K, unknown]>, ...args: (RDD<[K, unknown]> | PartitionerLike | undefined)[]): RDD<[K, unknown[][]]> {
    const others = args.filter((a): a is RDD<[K, unknown]> => a instanceof RDD);
    const last = args[args.length - 1];
    const partitionerArg = last instanceof RDD ? undefined : last;
    const rdds = [this, ...others];
    return new CoGroupedRDD<K>(rdds, toPartitioner(partitionerArg, () => defaultPartitioner(...rdds)));
  }

  join<K, V, W>(this: RDD<[K, V]>, other: RDD<[K, W]>, partitioner?: PartitionerLike): RDD<[K, [V, W]]> {
    return this.context.withCreationSite('join', () =>
      this.cogroup(other, partitioner).flatMapValues(function* ([vs, ws]): Iterable<[V, W]> {
        for (const v of vs) for (const w of ws) yield [v, w];
      }),
    );
  }

  leftOuterJoin<K, V, W>(
    this: RDD<[K, V]>,
    other: RDD<[K, W]>,
    partitioner?: PartitionerLike,
  ): RDD<[K, [V, W | undefined]]> {
    return this.context.withCreationSite('leftOuterJoin', () =>
      this.cogroup(other, partitioner).flatMapValues(function* ([vs, ws]): Iterable<[V, W | undefined]> {
        if (ws.length === 0) for (const v of vs) yield [v, undefined];
        else for (const v of vs) for (const w of ws) yield [v, w];
      }),
    );
  }

  rightOuterJoin<K, V, W>(
    this: RDD<[K, V]>,
    other: RDD<[K, W]>,
    partitioner?: PartitionerLike,
  ): RDD<[K, [V | undefined, W]]> {
    return this.context.withCreationSite('rightOuterJoin', () =>
      this.cogroup(other, partitioner).flatMapValues(function* ([vs, ws]): Iterable<[V | undefined, W]> {
        if (vs.length === 0) for (const w of ws) yield [undefined, w];
        else for (const v of vs) for (const w of ws) yield [v, w];
      }),
    );
  }

  fullOuterJoin<K, V, W>(
    this: RDD<[K, V]>,
    other: RDD<[K, W]>,
    partitioner?: PartitionerLike,
  ): RDD<[K, [V | undefined, W | undefined]]> {
    return this.context.withCreationSite('fullOuterJoin', () =>
      this.cogroup(other, partitioner).flatMapValues(function* ([vs, ws]): Iterable<[V | undefined, W | undefined]> {
        if (vs.length === 0) for (const w of ws) yield [undefined, w];
        else if (ws.length === 0) for (const v of vs) yield [v, undefined];
        else for (const v of vs) for (const w of ws) yield [v, w];
      }),
    );
  }

  /** The pairs whose key does not appear in `other`. */
  subtractByKey<K, V, W>(this: RDD<[K, V]>, other: RDD<[K, W]>, partitioner?: PartitionerLike): RDD<[K, V]> {
    const target = toPartitioner(partitioner, () => this.partitioner ?? new HashPartitioner(this.getNumPartitions()));
    return this.context.withCreationSite('subtractByKey', () => {
      const keep = flatMapOp(function* ([k, [vs, ws]]: [K, [V[], W[]]]): Iterable<[K, V]> {
        if (ws.length === 0) for (const v of vs) yield [k, v];
      }, 'subtractByKey');
      // Keys stay where the cogroup put them, so the result keeps its partitioner (Spark: `SubtractedRDD`).
      return new ElementwiseRDD(this.cogroup(other, target), keep, true);
    });
  }

  // ---- Actions ----

  /** Every element, partition by partition. */
  async collect(): Promise<T[]> {
    const parts = await this.context.runJob(this, (values: T[]) => values);
    return ([] as T[]).concat(...parts); // `flat()` is an order of magnitude slower in V8
  }

  async count(): Promise<number> {
    const counts = await this.context.runJob(this, (values: T[]) => values.length);
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Reduces with an associative, commutative function; fails on an empty RDD, as Spark does. */
  async reduce(f: (a: T, b: T) => T): Promise<T> {
    const parts = await this.context.runJob(this, (values: T[]) => (values.length ? [values.reduce(f)] : []));
    const partials = parts.flat() as T[];
    if (partials.length === 0) throw emptyCollection('reduce');
    return partials.reduce(f);
  }

  async fold(zeroValue: T, op: (a: T, b: T) => T): Promise<T> {
    const parts = await this.context.runJob(this, (values: T[]) => values.reduce(op, cloneValue(zeroValue)));
    return parts.reduce(op, cloneValue(zeroValue));
  }

  async aggregate<U>(zeroValue: U, seqOp: (acc: U, value: T) => U, combOp: (a: U, b: U) => U): Promise<U> {
    const parts = await this.context.runJob(this, (values: T[]) => values.reduce(seqOp, cloneValue(zeroValue)));
    return parts.reduce(combOp, cloneValue(zeroValue));
  }

  /** The first `num` elements, scanning partitions a few at a time like Spark's `take`. */
  async take(num: number): Promise<T[]> {
    const result: T[] = [];
    const total = this.getNumPartitions();
    let scanned = 0;
    while (result.length < num && scanned < total) {
      const batch = scanned === 0 ? 1 : Math.min(scanned * 4, total - scanned);
      const partitions = Array.from({ length: Math.min(batch, total - scanned) }, (_, i) => scanned + i);
      const left = num - result.length;
      const parts = await this.context.runJob(this, (values: T[]) => values.slice(0, left), partitions);
      for (const part of parts) for (const v of part) if (result.length < num) result.push(v);
      scanned += partitions.length;
    }
    return result;
  }

  async first(): Promise<T> {
    const taken = await this.take(1);
    if (taken.length === 0) throw emptyCollection('first');
    return taken[0]!;
  }

  async isEmpty(): Promise<boolean> {
    return this.getNumPartitions() === 0 || (await this.take(1)).length === 0;
  }

  async foreach(f: (value: T) => void): Promise<void> {
    await this.context.runJob(this, (values: T[]) => {
      for (let i = 0; i < values.length; i++) f(values[i]!);
    });
  }

  /** Runs `f` once per partition; a returned promise is awaited (the connection-pool pattern). */
  async foreachPartition(f: (values: Iterable<T>) => void | Promise<void>): Promise<void> {
    await this.context.runJob(this, (values: T[]) => f(values));
  }

  /** How many times each key occurs, as a `Map` (Spark: `countByKey`). */
  async countByKey<K, V>(this: RDD<[K, V]>): Promise<Map<K, number>> {
    const counts = this.context.withCreationSite('countByKey', () =>
      this.mapValues(() => 1).reduceByKey((a, b) => a + b),
    );
    return new Map(await counts.collect());
  }

  /** How many times each element occurs, as a `Map` (Spark: `countByValue`). */
  async countByValue(): Promise<Map<T, number>> {
    const counts = this.context.withCreationSite('countByValue', () =>
      this.map((v): [T, number] => [v, 1]).reduceByKey((a, b) => a + b),
    );
    return new Map(await counts.collect());
  }
}

interface LocalCheckpointState<T> {
  partitions: (T[] | undefined)[];
  rdd: RDD<T> | undefined;
  /** The write step of `checkpointWith`; absent for a local checkpoint. (A method, so `RDD<T>` stays covariant.) */
  save?(partitions: readonly (readonly T[])[]): void;
}

function combineLocally<K, V, C>(pairs: Iterable<[K, V]>, aggregator: Aggregator<V, C>): Iterable<[K, C]> {
  const combined = new KeyMap<K, C>();
  for (const [k, v] of pairs) combined.combine(k, v, aggregator.createCombiner, aggregator.mergeValue);
  return combined.entries();
}

function toArray<T>(values: Iterable<T>): T[] {
  return Array.isArray(values) ? values : Array.from(values);
}

function emptyCollection(action: string): RivuletError {
  return new RivuletError('EMPTY_COLLECTION', `RDD.${action}: the RDD is empty; check isEmpty() first or use fold().`);
}

function requirePositive(op: string, arg: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ValidationError('INVALID_ARGUMENT', `${op}: ${arg} ${value} is not a positive integer; pass for example 2.`);
  }
}
