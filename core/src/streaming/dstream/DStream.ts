import { IllegalStateError, ValidationError } from '../../errors.js';
import { HashPartitioner, toPartitioner, type Partitioner, type PartitionerLike } from '../../rdd/Partitioner.js';
import { DStreamCheckpointData } from '../checkpoint/DStreamCheckpointData.js';
import type { RDD } from '../../rdd/internal.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import { Duration, Seconds } from '../Duration.js';
import type { Interval } from '../Interval.js';
import type { StreamingContext } from '../StreamingContext.js';
import type { Job } from '../scheduler/Job.js';
import type { StateSpec } from '../state/StateSpec.js';
import { Time } from '../Time.js';
import {
  FilteredDStream,
  FlatMappedDStream,
  FlatMapValuedDStream,
  ForEachDStream,
  GlommedDStream,
  MappedDStream,
  MapPartitionedDStream,
  MapValuedDStream,
  MapWithStateDStream,
  ReducedWindowedDStream,
  ShuffledDStream,
  StateDStream,
  TransformedDStream,
  UnionDStream,
  WindowedDStream,
} from './internal.js';
import { nearestMultiples } from '../durationHints.js';
import { formatRecord } from './formatRecord.js';
import { saveAsFiles } from './saveAsFiles.js';
import type { UpdateStateFunction } from '../state/updateStateFunctions.js';
import { toIteratorUpdateFunction } from '../state/updateStateFunctions.js';

/**
 * A discretized stream (Spark: `DStream`): a sequence of RDDs, one per slide interval, each
 * computed from the RDDs of its parent streams at the same time. Subclasses implement
 * `dependencies`, `slideDuration` and `compute(validTime)`; operators are one-liners.
 */
export abstract class DStream<T> {
  /** Unique within its context, in creation order. */
  readonly id: number;
  /** A user-chosen name used in messages and in the editor; see `setName`. */
  name: string | undefined;
  abstract readonly className: string;

  /** The streams this one is computed from. */
  abstract readonly dependencies: readonly DStream<unknown>[];
  /** How often this stream produces an RDD. */
  abstract readonly slideDuration: Duration;
  /** The RDD for a batch time that is valid for this stream, or `undefined` for no RDD. */
  abstract compute(validTime: Time): RDD<T> | undefined;

  /** @internal RDDs generated so far, by batch time in ms. */
  readonly generatedRDDs = new Map<number, RDD<T>>();
  /** @internal Set at start: the time before the first batch. */
  zeroTime: Time | undefined;
  /** @internal How long generated RDDs are kept. */
  rememberDuration: Duration | undefined;
  /** @internal */
  storageLevel = StorageLevel.NONE;
  /** @internal True for streams whose lineage grows without bound unless checkpointed (state, inverse windows). */
  readonly mustCheckpoint: boolean = false;
  /** @internal */
  checkpointDuration: Duration | undefined;
  /** @internal This stream's checkpointed RDDs, serialised once each (Spark: `DStream.checkpointData`). */
  readonly checkpointData: DStreamCheckpointData<T> = new DStreamCheckpointData<T>(this);

  constructor(readonly context: StreamingContext) {
    context.assertAcceptingStreams();
    this.id = context.graph.newStreamId();
  }

  // ---- Naming ----

  /** Names this stream in messages and lineage, and returns it. */
  setName(name: string): this {
    this.name = name;
    return this;
  }

  toString(): string {
    return this.name ? `${this.className} '${this.name}'` : `${this.className}[${this.id}]`;
  }

  // ---- Lifecycle (engine side) ----

  /** @internal How long the parents must remember: longer for windows (Spark: `parentRememberDuration`). */
  get parentRememberDuration(): Duration {
    return this.rememberDuration!;
  }

  /** @internal Sets the zero time and remember/checkpoint durations, then initializes the parents (Spark: `initialize`). */
  initialize(time: Time): void {
    if (this.zeroTime && !this.zeroTime.equals(time)) {
      throw new IllegalStateError('ILLEGAL_STATE', `${this}: zero time is ${this.zeroTime}, cannot initialize it with ${time}.`);
    }
    this.zeroTime = time;
    if (this.mustCheckpoint && this.checkpointDuration === undefined) {
      // Spark's default: the smallest multiple of the slide that is at least 10 seconds.
      this.checkpointDuration = this.slideDuration.times(Math.max(1, Math.ceil(Seconds(10).div(this.slideDuration))));
    }
    let minRemember = this.slideDuration;
    if (this.checkpointDuration && minRemember.lessEq(this.checkpointDuration)) {
      minRemember = this.checkpointDuration.times(2);
    }
    if (!this.rememberDuration || this.rememberDuration.less(minRemember)) this.rememberDuration = minRemember;
    for (const parent of this.dependencies) parent.initialize(time);
  }

  /** @internal Remembers RDDs for at least `duration`, and tells the parents (Spark: `remember`). */
  remember(duration: Duration | undefined): void {
    if (duration && (!this.rememberDuration || duration.greater(this.rememberDuration))) this.rememberDuration = duration;
    for (const parent of this.dependencies) parent.remember(this.parentRememberDuration);
  }

  /** @internal Spark's start-time checks, naming this stream, the bad value and a fix; then the parents'. */
  validateAtStart(): void {
    const checkpoint = this.checkpointDuration;
    if (checkpoint && !this.context.checkpointDir) {
      throw new ValidationError(
        'CHECKPOINT_DIRECTORY_NOT_SET',
        `${this} needs checkpointing, but the checkpoint directory has not been set; ` +
          'call ssc.checkpoint(directory) before start().',
      );
    }
    if (checkpoint && checkpoint.less(this.slideDuration)) {
      throw new ValidationError(
        'INVALID_CHECKPOINT_INTERVAL',
        `${this}: checkpoint interval ${checkpoint} is lower than its slide ${this.slideDuration}; ` +
          `set it to at least ${this.slideDuration}.`,
      );
    }
    if (checkpoint && !checkpoint.isMultipleOf(this.slideDuration)) {
      throw new ValidationError(
        'INVALID_CHECKPOINT_INTERVAL',
        `${this}: checkpoint interval ${checkpoint} is not a multiple of its slide ${this.slideDuration}; ` +
          `use ${nearestMultiples(checkpoint, this.slideDuration)}.`,
      );
    }
    for (const parent of this.dependencies) parent.validateAtStart();
  }

  /** @internal True if `time` is a batch time at which this stream produces an RDD (Spark: `isTimeValid`). */
  isTimeValid(time: Time): boolean {
    const zero = this.zeroTime;
    if (!zero) throw new IllegalStateError('ILLEGAL_STATE', `${this} has not been initialized; start its context first.`);
    return time.greater(zero) && time.minus(zero).isMultipleOf(this.slideDuration);
  }

  /**
   * @internal The RDD for `time`: generated once, then remembered; persisted and marked for
   * checkpointing as configured (Spark: `getOrCompute`).
   */
  getOrCompute(time: Time): RDD<T> | undefined {
    const existing = this.generatedRDDs.get(time.milliseconds);
    if (existing || !this.isTimeValid(time)) return existing;
    const rdd = this.compute(time);
    if (!rdd) return undefined;
    if (this.storageLevel !== StorageLevel.NONE) rdd.persist(this.storageLevel);
    if (this.checkpointDuration && time.minus(this.zeroTime!).isMultipleOf(this.checkpointDuration)) {
      // Spark: `rdd.checkpoint()`. The partitions are serialised once, after the job that computes
      // them, and go into every metadata checkpoint while this stream remembers the RDD.
      rdd.checkpointWith((partitions) => this.checkpointData.save(time, rdd, partitions));
    }
    this.generatedRDDs.set(time.milliseconds, rdd);
    return rdd;
  }

  /** @internal A job that materializes this stream's RDD at `time`; output streams override it. */
  generateJob(_time: Time, _outputOpId: number): Job | undefined {
    return undefined;
  }

  /** @internal Drops RDDs older than the remember duration, then asks the parents (Spark: `clearMetadata`). */
  clearMetadata(time: Time): void {
    const threshold = time.milliseconds - this.rememberDuration!.milliseconds;
    for (const [ms, rdd] of this.generatedRDDs) {
      if (ms <= threshold) {
        this.generatedRDDs.delete(ms);
        rdd.unpersist();
      }
    }
    this.checkpointData.cleanup();
    for (const parent of this.dependencies) parent.clearMetadata(time);
  }

  // ---- Checkpoint hooks (engine side) ----

  /**
   * @internal The parameters that give this stream its shape, for the graph fingerprint a
   * checkpoint is checked against on recovery: window and slide, partition counts, timeouts,
   * source locations — never functions, which cannot be compared. Rivulet's addition: Spark
   * deserialises the whole graph instead.
   */
  fingerprintParams(): Readonly<Record<string, string | number | boolean>> {
    return {};
  }

  /**
   * @internal What this stream must get back on recovery besides its checkpointed RDDs: a
   * source's position (files seen, queue entries consumed, generator offsets), as data the
   * checkpoint serialiser can write; `undefined` for nothing. Called in the JobGenerator's loop at
   * every metadata checkpoint (Spark: `DStreamCheckpointData.update`, which
   * `FileInputDStreamCheckpointData` overrides to record the files of each batch).
   */
  checkpointPosition(): unknown {
    return undefined;
  }

  /**
   * @internal Gets back what `checkpointPosition` returned, on recovery, after the zero time is set
   * and before any batch is generated. A source must then regenerate the batches it had cut before
   * the checkpoint from the position (the same files, the same queue entries), as pending batches
   * and stateful streams recomputing from their last checkpointed RDD will ask for them (Spark:
   * `DStreamCheckpointData.restore`).
   */
  restorePosition(_position: unknown): void {}

  /**
   * @internal The partitioner a restored RDD of this stream gets when the checkpoint says it had one
   * that is not a `HashPartitioner`; streams that partition by key return theirs.
   */
  get checkpointPartitioner(): Partitioner | undefined {
    return undefined;
  }

  /** @internal How checkpointed partitions are written: as they are, by default (see `checkpoint/serialize`). */
  encodeCheckpointPartitions(partitions: readonly (readonly T[])[]): unknown {
    return partitions;
  }

  /** @internal The partitions `encodeCheckpointPartitions` wrote, read back. */
  decodeCheckpointPartitions(data: unknown): T[][] {
    return data as T[][];
  }

  // ---- Persistence and checkpointing ----

  /** Persists every generated RDD at `level` (Spark: `DStream.persist`, default `MEMORY_ONLY_SER`). */
  persist(level: StorageLevel = StorageLevel.MEMORY_ONLY_SER): this {
    if (this.zeroTime) {
      throw new IllegalStateError('ILLEGAL_STATE', `${this}: cannot change the storage level after the context has started.`);
    }
    this.storageLevel = level;
    return this;
  }

  /** `persist()` (Spark: `DStream.cache`). */
  cache(): this {
    return this.persist();
  }

  /** Checkpoints this stream's RDDs every `interval`, truncating their lineage (Spark: `DStream.checkpoint`). */
  checkpoint(interval: Duration): this {
    if (this.zeroTime) {
      throw new IllegalStateError('ILLEGAL_STATE', `${this}: cannot change the checkpoint interval after the context has started.`);
    }
    this.persist();
    this.checkpointDuration = interval;
    return this;
  }

  // ---- Transformations ----

  map<U>(f: (value: T) => U): DStream<U> {
    return new MappedDStream(this, f);
  }

  flatMap<U>(f: (value: T) => Iterable<U>): DStream<U> {
    return new FlatMappedDStream(this, f);
  }

  filter(predicate: (value: T) => boolean): DStream<T> {
    return new FilteredDStream(this, predicate);
  }

  /** Each RDD's partitions as arrays. */
  glom(): DStream<T[]> {
    return new GlommedDStream(this);
  }

  mapPartitions<U>(f: (values: Iterable<T>) => Iterable<U>, preservePartitioning = false): DStream<U> {
    return new MapPartitionedDStream(this, f, preservePartitioning);
  }

  repartition(numPartitions: number): DStream<T> {
    return this.transform((rdd) => rdd.repartition(numPartitions));
  }

  union(other: DStream<T>): DStream<T> {
    return new UnionDStream([this, other]);
  }

  /** One-element RDDs with the number of elements in each batch; `[0]` for an empty batch (Spark: `DStream.count`). */
  count(): DStream<number> {
    return this.map((): [null, number] => [null, 1])
      .transform((rdd) => rdd.union(rdd.context.parallelize<[null, number]>([[null, 0]], 1)))
      .reduceByKey((a, b) => a + b)
      .map((pair) => pair[1]);
  }

  /** One-element RDDs reducing each batch; empty for an empty batch (Spark: `DStream.reduce`). */
  reduce(f: (a: T, b: T) => T): DStream<T> {
    return this.map((v): [null, T] => [null, v])
      .reduceByKey(f, 1)
      .map((pair) => pair[1]);
  }

  /** Counts of each distinct element per batch (Spark: `DStream.countByValue`). */
  countByValue(numPartitions: PartitionerLike = this.context.rddContext.defaultParallelism): DStream<[T, number]> {
    return this.map((v): [T, number] => [v, 1]).reduceByKey((a, b) => a + b, numPartitions);
  }

  /** Applies an RDD-to-RDD function to every batch; it may also take the batch time (Spark: `DStream.transform`). */
  transform<U>(f: (rdd: RDD<T>, time: Time) => RDD<U>): DStream<U> {
    return new TransformedDStream<U>([this], (rdds, time) => f(rdds[0] as RDD<T>, time), 'transform');
  }

  /** Combines each batch of this stream and `other` with an RDD function (Spark: `DStream.transformWith`). */
  transformWith<U, V>(other: DStream<U>, f: (rdd: RDD<T>, other: RDD<U>, time: Time) => RDD<V>): DStream<V> {
    return new TransformedDStream<V>(
      [this, other],
      (rdds, time) => f(rdds[0] as RDD<T>, rdds[1] as RDD<U>, time),
      'transformWith',
    );
  }

  /** The RDDs generated between two times, inclusive, aligned to the slide (Spark: `DStream.slice`). */
  slice(interval: Interval): RDD<T>[];
  slice(fromTime: Time, toTime: Time): RDD<T>[];
  slice(from: Time | Interval, to?: Time): RDD<T>[] {
    const [fromTime, toTime] = from instanceof Time ? [from, to!] : [from.beginTime, from.endTime];
    const zero = this.zeroTime;
    if (!zero) throw new IllegalStateError('ILLEGAL_STATE', `${this} has not been initialized; slice() needs a started context.`);
    // Windows reach back before the zero time, where `t.minus(zero)` (a Duration) would throw.
    const align = (t: Time): Time => t.floor(this.slideDuration, zero);
    const rdds: RDD<T>[] = [];
    for (const time of align(fromTime).to(align(toTime), this.slideDuration)) {
      const rdd = time.greaterEq(zero) ? this.getOrCompute(time) : undefined;
      if (rdd) rdds.push(rdd);
    }
    return rdds;
  }

  // ---- Windows ----

  /** All elements of the last `windowDuration`, every `slideDuration` (Spark: `DStream.window`). */
  window(windowDuration: Duration, slideDuration: Duration = this.slideDuration): DStream<T> {
    return new WindowedDStream(this, windowDuration, slideDuration);
  }

  /** Reduces each window (Spark: `DStream.reduceByWindow`); with `invFn`, incrementally. */
  reduceByWindow(f: (a: T, b: T) => T, windowDuration: Duration, slideDuration: Duration): DStream<T>;
  reduceByWindow(
    f: (a: T, b: T) => T,
    invFn: (a: T, b: T) => T,
    windowDuration: Duration,
    slideDuration: Duration,
  ): DStream<T>;
  reduceByWindow(
    f: (a: T, b: T) => T,
    invOrWindow: ((a: T, b: T) => T) | Duration,
    windowOrSlide: Duration,
    slide?: Duration,
  ): DStream<T> {
    if (invOrWindow instanceof Duration) return this.reduce(f).window(invOrWindow, windowOrSlide).reduce(f);
    return this.map((v): [number, T] => [1, v])
      .reduceByKeyAndWindow(f, invOrWindow, windowOrSlide, slide, 1)
      .map((pair) => pair[1]);
  }

  /** The number of elements in each window, computed incrementally (Spark: `DStream.countByWindow`). */
  countByWindow(windowDuration: Duration, slideDuration: Duration): DStream<number> {
    return this.map(() => 1).reduceByWindow(
      (a, b) => a + b,
      (a, b) => a - b,
      windowDuration,
      slideDuration,
    );
  }

  /** Counts of each distinct element in each window, incrementally (Spark: `DStream.countByValueAndWindow`). */
  countByValueAndWindow(
    windowDuration: Duration,
    slideDuration: Duration,
    numPartitions: PartitionerLike = this.context.rddContext.defaultParallelism,
  ): DStream<[T, number]> {
    return this.map((v): [T, number] => [v, 1]).reduceByKeyAndWindow(
      (a, b) => a + b,
      (a, b) => a - b,
      windowDuration,
      slideDuration,
      numPartitions,
      (pair) => pair[1] !== 0,
    );
  }

  // ---- Transformations on key-value pairs ----

  mapValues<K, V, W>(this: DStream<[K, V]>, f: (value: V) => W): DStream<[K, W]> {
    return new MapValuedDStream(this, f);
  }

  flatMapValues<K, V, W>(this: DStream<[K, V]>, f: (value: V) => Iterable<W>): DStream<[K, W]> {
    return new FlatMapValuedDStream(this, f);
  }

  /** Spark: `PairDStreamFunctions.combineByKey`. */
  combineByKey<K, V, C>(
    this: DStream<[K, V]>,
    createCombiner: (value: V) => C,
    mergeValue: (combiner: C, value: V) => C,
    mergeCombiners: (a: C, b: C) => C,
    partitioner?: PartitionerLike,
    mapSideCombine = true,
  ): DStream<[K, C]> {
    const aggregator = { createCombiner, mergeValue, mergeCombiners };
    return new ShuffledDStream(this, aggregator, this.partitionerFor(partitioner), mapSideCombine, 'combineByKey');
  }

  reduceByKey<K, V>(this: DStream<[K, V]>, f: (a: V, b: V) => V, partitioner?: PartitionerLike): DStream<[K, V]> {
    return new ShuffledDStream(this, { createCombiner: (v: V) => v, mergeValue: f, mergeCombiners: f }, this.partitionerFor(partitioner), true, 'reduceByKey');
  }

  groupByKey<K, V>(this: DStream<[K, V]>, partitioner?: PartitionerLike): DStream<[K, V[]]> {
    const aggregator = {
      createCombiner: (v: V): V[] => [v],
      mergeValue: (c: V[], v: V) => (c.push(v), c),
      mergeCombiners: (a: V[], b: V[]) => (a.push(...b), a),
    };
    return new ShuffledDStream(this, aggregator, this.partitionerFor(partitioner), false, 'groupByKey');
  }

  join<K, V, W>(this: DStream<[K, V]>, other: DStream<[K, W]>, partitioner?: PartitionerLike): DStream<[K, [V, W]]> {
    const p = this.partitionerFor(partitioner);
    return this.transformWith(other, (a, b) => a.join(b, p));
  }

  leftOuterJoin<K, V, W>(
    this: DStream<[K, V]>,
    other: DStream<[K, W]>,
    partitioner?: PartitionerLike,
  ): DStream<[K, [V, W | undefined]]> {
    const p = this.partitionerFor(partitioner);
    return this.transformWith(other, (a, b) => a.leftOuterJoin(b, p));
  }

  rightOuterJoin<K, V, W>(
    this: DStream<[K, V]>,
    other: DStream<[K, W]>,
    partitioner?: PartitionerLike,
  ): DStream<[K, [V | undefined, W]]> {
    const p = this.partitionerFor(partitioner);
    return this.transformWith(other, (a, b) => a.rightOuterJoin(b, p));
  }

  fullOuterJoin<K, V, W>(
    this: DStream<[K, V]>,
    other: DStream<[K, W]>,
    partitioner?: PartitionerLike,
  ): DStream<[K, [V | undefined, W | undefined]]> {
    const p = this.partitionerFor(partitioner);
    return this.transformWith(other, (a, b) => a.fullOuterJoin(b, p));
  }

  cogroup<K, V, W>(this: DStream<[K, V]>, other: DStream<[K, W]>, partitioner?: PartitionerLike): DStream<[K, [V[], W[]]]> {
    const p = this.partitionerFor(partitioner);
    return this.transformWith(other, (a, b) => a.cogroup(b, p));
  }

  /** Groups each window's values by key (Spark: `groupByKeyAndWindow`). */
  groupByKeyAndWindow<K, V>(
    this: DStream<[K, V]>,
    windowDuration: Duration,
    slideDuration: Duration = this.slideDuration,
    partitioner?: PartitionerLike,
  ): DStream<[K, V[]]> {
    const p = this.partitionerFor(partitioner);
    return this.groupByKey(p)
      .window(windowDuration, slideDuration)
      .combineByKey<K, V[], V[]>(
        (vs) => [...vs],
        (c, vs) => (c.push(...vs), c),
        (a, b) => (a.push(...b), a),
        p,
      );
  }

  /**
   * Reduces each window's values by key (Spark: `reduceByKeyAndWindow`). With `invFn`, the window
   * is updated incrementally — new batches reduced in, old ones "inverse reduced" out — which
   * needs checkpointing; `filterFn` then drops pairs (e.g. counts that fell to 0).
   */
  reduceByKeyAndWindow<K, V>(
    this: DStream<[K, V]>,
    f: (a: V, b: V) => V,
    windowDuration: Duration,
    slideDuration?: Duration,
    partitioner?: PartitionerLike,
  ): DStream<[K, V]>;
  reduceByKeyAndWindow<K, V>(
    this: DStream<[K, V]>,
    f: (a: V, b: V) => V,
    invFn: (a: V, b: V) => V,
    windowDuration: Duration,
    slideDuration?: Duration,
    partitioner?: PartitionerLike,
    filterFn?: (pair: [K, V]) => boolean,
  ): DStream<[K, V]>;
  reduceByKeyAndWindow<K, V>(
    this: DStream<[K, V]>,
    f: (a: V, b: V) => V,
    ...rest: unknown[]
  ): DStream<[K, V]> {
    if (rest[0] instanceof Duration) {
      const [windowDuration, slideDuration = this.slideDuration, partitioner] = rest as [
        Duration,
        Duration | undefined,
        PartitionerLike | undefined,
      ];
      const p = this.partitionerFor(partitioner);
      return this.reduceByKey(f, p).window(windowDuration, slideDuration).reduceByKey(f, p);
    }
    const [invFn, windowDuration, slideDuration = this.slideDuration, partitioner, filterFn] = rest as [
      (a: V, b: V) => V,
      Duration,
      Duration | undefined,
      PartitionerLike | undefined,
      ((pair: [K, V]) => boolean) | undefined,
    ];
    return new ReducedWindowedDStream(this, f, invFn, filterFn, windowDuration, slideDuration, this.partitionerFor(partitioner));
  }

  // ---- State ----

  /**
   * Keeps a state per key across batches, updated every batch for every key, even without new
   * values (Spark: `updateStateByKey`). The function form is told by its parameter count:
   * `(values, state)`, `(time, key, values, state)` or `(iterator of [key, values, state])`.
   * Returning `undefined` removes the key.
   */
  updateStateByKey<K, V, S>(
    this: DStream<[K, V]>,
    updateFunc: UpdateStateFunction<K, V, S>,
    partitioner?: PartitionerLike,
    initialRDD?: RDD<[K, S]>,
  ): DStream<[K, S]> {
    return new StateDStream(this, toIteratorUpdateFunction(updateFunc), this.partitionerFor(partitioner), true, initialRDD);
  }

  /** Arbitrary per-key state with timeouts and snapshots (Spark: `mapWithState`). */
  mapWithState<K, V, S, M>(this: DStream<[K, V]>, spec: StateSpec<K, V, S, M>): MapWithStateDStream<K, V, S, M> {
    return new MapWithStateDStream(this, spec);
  }

  // ---- Output operations ----

  /** Runs `f` on each batch's RDD; a returned promise is awaited by the job (Spark: `foreachRDD`). */
  foreachRDD(f: (rdd: RDD<T>, time: Time) => void | Promise<void>): void {
    new ForEachDStream(this, f, 'foreachRDD').register();
  }

  /**
   * Prints the first `num` elements of each batch in Spark's format: a `Time: <ms> ms` banner
   * between dashed lines, one element per line, `...` if there are more (Spark: `DStream.print`).
   */
  print(num = 10): void {
    const out = this.context.printLine;
    new ForEachDStream(
      this,
      async (rdd, time) => {
        const first = await rdd.take(num + 1);
        const dashes = '-------------------------------------------';
        const lines = [dashes, `Time: ${time}`, dashes, ...first.slice(0, num).map(formatRecord)];
        if (first.length > num) lines.push('...');
        lines.push('');
        for (const line of lines) out(line);
      },
      'print',
    ).register();
  }

  /** Saves each batch as text files under `prefix-<timeMs>[.suffix]` (Spark: `saveAsTextFiles`). */
  saveAsTextFiles(prefix: string, suffix?: string): void {
    new ForEachDStream(this, (rdd, time) => saveAsFiles(this.context, rdd, time, prefix, suffix, 'text'), 'saveAsTextFiles').register();
  }

  /** Saves each batch as JSON records under `prefix-<timeMs>[.suffix]` (Spark: `saveAsObjectFiles`). */
  saveAsObjectFiles(prefix: string, suffix?: string): void {
    new ForEachDStream(this, (rdd, time) => saveAsFiles(this.context, rdd, time, prefix, suffix, 'object'), 'saveAsObjectFiles').register();
  }

  // ---- Helpers ----

  /** Spark's `PairDStreamFunctions.defaultPartitioner`: a hash partitioner over the default parallelism. */
  private partitionerFor(arg: PartitionerLike | undefined): Partitioner {
    return toPartitioner(arg, () => new HashPartitioner(this.context.rddContext.defaultParallelism));
  }
}
