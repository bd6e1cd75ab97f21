import { IllegalStateError } from '../../errors.js';
import { OneToOneDependency } from '../../rdd/Dependency.js';
import { RDD } from '../../rdd/internal.js';
import type { Partition } from '../../rdd/Partition.js';
import { indexPartition } from '../../rdd/Partition.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import type { TaskContext } from '../../rdd/TaskContext.js';
import { cloneValue } from '../../util/cloneValue.js';
import type { Time } from '../Time.js';
import { StateImpl, type State } from './State.js';
import { StateMap, type StateEntry } from './StateMap.js';

/**
 * The single record of each `MapWithStateRDD` partition: the partition's states after
 * the batch, and what the mapping function returned during it (Spark: `MapWithStateRDDRecord`).
 */
export interface MapWithStateRDDRecord<K, S, M> {
  readonly stateMap: StateMap<K, S>;
  readonly mappedData: readonly M[];
}

/**
 * `StateSpec`'s function in the one shape the engine calls: results are pushed to
 * `out`, so the simple form (always emits) and the advanced form (`undefined` emits nothing)
 * need no wrapper object per record (Spark: `StateSpecImpl`'s `(Time, K, Option[V], State[S]) => Option[T]`).
 */
export type MappingFunction<K, V, S, M> = (time: Time, key: K, value: V | undefined, state: State<S>, out: M[]) => void;

/**
 * The `mapWithState` state of a batch (Spark: `MapWithStateRDD`): partition i is one
 * record, computed from partition i of the previous batch's state RDD and partition i of this
 * batch's data, both partitioned by the same partitioner.
 *
 * Keys idle since before `timeoutThresholdMs` are timed out only on a full scan, which is turned
 * on when this RDD is checkpointed, as in Spark: other batches touch only the keys that got data.
 */
export class MapWithStateRDD<K, V, S, M> extends RDD<MapWithStateRDDRecord<K, S, M>> {
  readonly className = 'MapWithStateRDD';
  override readonly partitioner: Partitioner;
  private doFullScan = false;
  // Dropped once checkpointed (`clearDependencies`), so the chain of earlier batches can be freed.
  private prevStateRDD: RDD<MapWithStateRDDRecord<K, S, M>> | undefined;
  private partitionedDataRDD: RDD<[K, V]> | undefined;

  constructor(
    prevStateRDD: RDD<MapWithStateRDDRecord<K, S, M>>,
    partitionedDataRDD: RDD<[K, V]>,
    private readonly mappingFunction: MappingFunction<K, V, S, M>,
    private readonly batchTime: Time,
    private readonly timeoutThresholdMs: number | undefined,
  ) {
    super(
      prevStateRDD.context,
      [new OneToOneDependency(prevStateRDD), new OneToOneDependency(partitionedDataRDD)],
      'mapWithState',
    );
    const partitioner = prevStateRDD.partitioner;
    if (!partitioner || !partitioner.equals(partitionedDataRDD.partitioner)) {
      throw new IllegalStateError(
        'ILLEGAL_STATE',
        `${this}: the previous state and the batch's data must be partitioned by the same partitioner.`,
      );
    }
    this.partitioner = partitioner;
    this.prevStateRDD = prevStateRDD;
    this.partitionedDataRDD = partitionedDataRDD;
  }

  /** Spark: `MapWithStateRDD.createFromPairRDD` — the first state RDD, from `[key, state]` pairs. */
  static createFromPairRDD<K, V, S, M>(
    pairRDD: RDD<[K, S]>,
    partitioner: Partitioner,
    updateTime: Time,
  ): MapWithStateRDD<K, V, S, M> {
    const updateTimeMs = updateTime.milliseconds;
    const entries = pairRDD.map(([key, state]): [K, StateEntry<S>] => [key, { state, updateTimeMs }]);
    return MapWithStateRDD.fromEntries(entries, partitioner, updateTime);
  }

  /** Spark: `MapWithStateRDD.createFromRDD` — a state RDD from entries partitioned some other way. */
  static fromEntries<K, V, S, M>(
    entries: RDD<[K, StateEntry<S>]>,
    partitioner: Partitioner,
    updateTime: Time,
  ): MapWithStateRDD<K, V, S, M> {
    const stateRDD = entries.partitionBy(partitioner).mapPartitions((pairs): MapWithStateRDDRecord<K, S, M>[] => {
      const stateMap = new StateMap<K, S>();
      for (const [key, entry] of pairs) stateMap.put(key, entry.state, entry.updateTimeMs);
      return [{ stateMap, mappedData: [] }];
    }, true);
    const emptyData = entries.context.emptyRDD<[K, V]>().partitionBy(partitioner);
    return new MapWithStateRDD<K, V, S, M>(stateRDD, emptyData, () => undefined, updateTime, undefined);
  }

  protected getPartitions(): Partition[] {
    return Array.from({ length: this.prevStateRDD!.getNumPartitions() }, (_, i) => indexPartition(i));
  }

  compute(split: Partition, context: TaskContext): Iterable<MapWithStateRDDRecord<K, S, M>> {
    const prev = this.prevStateRDD!;
    const data = this.partitionedDataRDD!;
    let prevRecord: MapWithStateRDDRecord<K, S, M> | undefined;
    for (const record of prev.iterator(prev.partitions[split.index]!, context)) {
      prevRecord = record;
      break;
    }
    return [this.updateRecordWithData(prevRecord, data.iterator(data.partitions[split.index]!, context))];
  }

  /** Turns on the full scan that times keys out, as Spark's `MapWithStateRDD.checkpoint` does. */
  override localCheckpoint(): this {
    this.doFullScan = true;
    return super.localCheckpoint();
  }

  protected override clearDependencies(): void {
    this.prevStateRDD = undefined;
    this.partitionedDataRDD = undefined;
  }

  /**
   * Spark: `MapWithStateRDDRecord.updateRecordWithData`. The function gets a copy of each stored
   * state, so mutating it in place cannot change an earlier batch's snapshot.
   */
  private updateRecordWithData(
    prevRecord: MapWithStateRDDRecord<K, S, M> | undefined,
    data: Iterable<[K, V]>,
  ): MapWithStateRDDRecord<K, S, M> {
    const stateMap = prevRecord ? prevRecord.stateMap.copy() : new StateMap<K, S>();
    const mappedData: M[] = [];
    const state = new StateImpl<S>();
    const f = this.mappingFunction;
    const time = this.batchTime;
    const timeMs = time.milliseconds;
    const hasTimeout = this.timeoutThresholdMs !== undefined;

    for (const [key, value] of data) {
      const entry = stateMap.get(key);
      state.wrap(entry !== undefined, entry === undefined ? undefined : cloneValue(entry.state));
      f(time, key, value, state, mappedData);
      if (state.isRemoved()) stateMap.remove(key);
      // With a timeout, a key that got data is active again even if its state did not change.
      else if (state.isUpdated() || (hasTimeout && state.exists())) stateMap.put(key, state.get(), timeMs);
    }

    if (this.doFullScan && hasTimeout) {
      const timedOut = Array.from(stateMap.getByTime(this.timeoutThresholdMs!));
      for (const [key, entry] of timedOut) {
        state.wrapTimingOutState(cloneValue(entry.state));
        f(time, key, undefined, state, mappedData);
        stateMap.remove(key);
      }
    }
    return { stateMap, mappedData };
  }
}
