import { HashPartitioner, type Partitioner } from '../../rdd/Partitioner.js';
import type { RDD } from '../../rdd/internal.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import { partitionerFingerprint } from '../checkpoint/GraphFingerprint.js';
import { MapWithStateRDD, type MappingFunction, type MapWithStateRDDRecord } from '../state/MapWithStateRDD.js';
import { StateMap } from '../state/StateMap.js';
import type { StateSpec } from '../state/StateSpec.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/**
 * The stream behind `mapWithState` (Spark: `InternalMapWithStateDStream`): one `MapWithStateRDD`
 * per batch, each partition holding that partition's states and mapped records. Each batch's
 * RDD is computed from the previous one, so it must be checkpointed — by default every 10
 * batches, as in Spark, and those batches are also the ones that time idle keys out.
 *
 *   state(t - slide) ─────────────────────────────┐  (first batch: the spec's initial state)
 *                                                 ├─ MapWithStateRDD ─→ state(t)
 *   parent(t) ─ partitionBy(spec's partitioner) ──┘
 */
export class InternalMapWithStateDStream<K, V, S, M> extends OneParentDStream<[K, V], MapWithStateRDDRecord<K, S, M>> {
  readonly className = 'InternalMapWithStateDStream';
  override readonly mustCheckpoint = true;
  private readonly partitioner: Partitioner;
  private readonly mappingFunction: MappingFunction<K, V, S, M>;

  constructor(
    parent: DStream<[K, V]>,
    private readonly spec: StateSpec<K, V, S, M>,
  ) {
    super(parent);
    this.persist(StorageLevel.MEMORY_ONLY);
    this.partitioner = spec.getPartitioner() ?? new HashPartitioner(this.context.rddContext.defaultParallelism);
    this.mappingFunction = spec.getFunction();
  }

  /** Defaults the checkpoint interval to 10 slides, Spark's `DEFAULT_CHECKPOINT_DURATION_MULTIPLIER`. */
  override initialize(time: Time): void {
    this.checkpointDuration ??= this.slideDuration.times(DEFAULT_CHECKPOINT_DURATION_MULTIPLIER);
    super.initialize(time);
  }

  override fingerprintParams(): Readonly<Record<string, string | boolean>> {
    const timeout = this.spec.getTimeoutInterval();
    return {
      partitioner: partitionerFingerprint(this.partitioner),
      timeout: timeout === undefined ? 'none' : String(timeout),
      initialState: this.spec.getInitialStateRDD() !== undefined,
    };
  }

  override get checkpointPartitioner(): Partitioner {
    return this.partitioner;
  }

  /**
   * Each partition's record as `[[key, state, updateTimeMs]…, mappedData]`: a `StateMap` is a chain
   * of deltas, written flat (Spark: `MapWithStateRDDRecord` serialises its `StateMap`).
   */
  override encodeCheckpointPartitions(partitions: readonly (readonly MapWithStateRDDRecord<K, S, M>[])[]): unknown {
    return partitions.map((records) =>
      records.map((record) => {
        const entries: [K, S, number][] = [];
        for (const [key, entry] of record.stateMap.getAll()) entries.push([key, entry.state, entry.updateTimeMs]);
        return [entries, record.mappedData];
      }),
    );
  }

  override decodeCheckpointPartitions(data: unknown): MapWithStateRDDRecord<K, S, M>[][] {
    return (data as [[K, S, number][], M[]][][]).map((records) =>
      records.map(([entries, mappedData]) => {
        const stateMap = new StateMap<K, S>();
        for (const [key, state, updateTimeMs] of entries) stateMap.put(key, state, updateTimeMs);
        return { stateMap, mappedData };
      }),
    );
  }

  compute(validTime: Time): RDD<MapWithStateRDDRecord<K, S, M>> {
    const partitioner = this.partitioner;
    const previous = this.getOrCompute(validTime.minus(this.slideDuration));
    let prevStateRDD: RDD<MapWithStateRDDRecord<K, S, M>>;
    if (!previous) {
      const initial = this.spec.getInitialStateRDD() ?? this.context.rddContext.emptyRDD<[K, S]>();
      prevStateRDD = MapWithStateRDD.createFromPairRDD<K, V, S, M>(initial, partitioner, validTime);
    } else if (!partitioner.equals(previous.partitioner)) {
      // Not partitioned the way the next MapWithStateRDD needs: rebuild it from its entries.
      const entries = previous.flatMap((record) => record.stateMap.getAll());
      prevStateRDD = MapWithStateRDD.fromEntries<K, V, S, M>(entries, partitioner, validTime);
    } else {
      prevStateRDD = previous;
    }
    // Even without data this batch, a new state RDD is made from an empty one.
    const dataRDD = this.parent.getOrCompute(validTime) ?? this.context.rddContext.emptyRDD<[K, V]>();
    const timeout = this.spec.getTimeoutInterval();
    const timeoutThresholdMs = timeout ? validTime.minus(timeout).milliseconds : undefined;
    return new MapWithStateRDD(prevStateRDD, dataRDD.partitionBy(partitioner), this.mappingFunction, validTime, timeoutThresholdMs);
  }
}

const DEFAULT_CHECKPOINT_DURATION_MULTIPLIER = 10;
