import type { RDD } from '../../rdd/internal.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import { cloneValue } from '../../util/cloneValue.js';
import type { IteratorUpdateFunction } from '../state/updateStateFunctions.js';
import type { Time } from '../Time.js';
import { partitionerFingerprint } from '../checkpoint/GraphFingerprint.js';
import { OneParentDStream, type DStream } from './internal.js';

/**
 * The stream of `updateStateByKey` (Spark: `StateDStream`): each batch's state is the previous
 * batch's state cogrouped with the batch's data, passed through the update function, so every
 * key's state is updated every batch, with or without new values. Its lineage grows by a
 * cogroup per batch, so it must be checkpointed.
 *
 *   state(t - slide) ──┐
 *                      ├─ cogroup(partitioner) ─ mapPartitions(update) ─→ state(t)
 *   parent(t) ─────────┘
 *
 * The first batch starts from `initialRDD` when given, else from the batch's values grouped by key.
 * The update function gets a copy of each stored state, as Spark's deserialising read of a
 * `MEMORY_ONLY_SER` state does, so mutating it in place never changes an earlier batch's state.
 */
export class StateDStream<K, V, S> extends OneParentDStream<[K, V], [K, S]> {
  readonly className = 'StateDStream';
  override readonly mustCheckpoint = true;

  constructor(
    parent: DStream<[K, V]>,
    private readonly updateFunc: IteratorUpdateFunction<K, V, S>,
    private readonly partitioner: Partitioner,
    private readonly preservePartitioning: boolean,
    private readonly initialRDD?: RDD<[K, S]>,
  ) {
    super(parent);
    this.persist(StorageLevel.MEMORY_ONLY_SER);
  }

  override fingerprintParams(): Readonly<Record<string, string | boolean>> {
    return { partitioner: partitionerFingerprint(this.partitioner), initialRDD: this.initialRDD !== undefined };
  }

  override get checkpointPartitioner(): Partitioner {
    return this.partitioner;
  }

  compute(validTime: Time): RDD<[K, S]> | undefined {
    const prevStateRDD = this.getOrCompute(validTime.minus(this.slideDuration));
    const parentRDD = this.parent.getOrCompute(validTime);
    const updateFunc = this.updateFunc;

    if (prevStateRDD) {
      if (parentRDD) return this.computeUsingPreviousRDD(validTime, parentRDD, prevStateRDD);
      // No data this batch: the state is still updated for every key.
      return prevStateRDD.mapPartitions(
        (pairs) => updateFunc(validTime, withoutValues(pairs)),
        this.preservePartitioning,
      );
    }
    if (!parentRDD) return undefined;
    if (this.initialRDD) return this.computeUsingPreviousRDD(validTime, parentRDD, this.initialRDD);
    return parentRDD
      .groupByKey(this.partitioner)
      .mapPartitions((groups) => updateFunc(validTime, withoutState(groups)), this.preservePartitioning);
  }

  private computeUsingPreviousRDD(batchTime: Time, parentRDD: RDD<[K, V]>, prevStateRDD: RDD<[K, S]>): RDD<[K, S]> {
    const updateFunc = this.updateFunc;
    return parentRDD
      .cogroup(prevStateRDD, this.partitioner)
      .mapPartitions((groups) => updateFunc(batchTime, fromCogroup(groups)), this.preservePartitioning);
  }
}

function* fromCogroup<K, V, S>(groups: Iterable<[K, [V[], S[]]]>): Iterable<[K, V[], S | undefined]> {
  for (const [key, [values, states]] of groups) {
    yield [key, values, states.length > 0 ? cloneValue(states[0]) : undefined];
  }
}

function* withoutValues<K, V, S>(pairs: Iterable<[K, S]>): Iterable<[K, V[], S | undefined]> {
  for (const [key, state] of pairs) yield [key, [], cloneValue(state)];
}

function* withoutState<K, V, S>(groups: Iterable<[K, V[]]>): Iterable<[K, V[], S | undefined]> {
  for (const [key, values] of groups) yield [key, values, undefined];
}
