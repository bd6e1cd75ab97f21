import type { RDD } from '../../rdd/internal.js';
import type { Duration } from '../Duration.js';
import type { StateSpec } from '../state/StateSpec.js';
import type { Time } from '../Time.js';
import { DStream, InternalMapWithStateDStream } from './internal.js';

/**
 * The result of `mapWithState` (Spark: `MapWithStateDStream`): the records the mapping function
 * returned in each batch, plus `stateSnapshots()`, the states of all keys after each batch.
 */
export class MapWithStateDStream<K, V, S, M> extends DStream<M> {
  readonly className = 'MapWithStateDStream';
  readonly dependencies: readonly DStream<unknown>[];
  private readonly internalStream: InternalMapWithStateDStream<K, V, S, M>;

  constructor(parent: DStream<[K, V]>, spec: StateSpec<K, V, S, M>) {
    super(parent.context);
    this.internalStream = new InternalMapWithStateDStream(parent, spec);
    this.dependencies = [this.internalStream];
  }

  get slideDuration(): Duration {
    return this.internalStream.slideDuration;
  }

  compute(validTime: Time): RDD<M> | undefined {
    return this.internalStream.getOrCompute(validTime)?.flatMap((record) => record.mappedData);
  }

  /**
   * Sets the checkpoint interval of the state, which this stream is computed from, and so how
   * often idle keys are timed out; this stream itself is not checkpointed (Spark:
   * `MapWithStateDStreamImpl.checkpoint`).
   */
  override checkpoint(interval: Duration): this {
    this.internalStream.checkpoint(interval);
    return this;
  }

  /** Each batch's `[key, state]` for every key that has a state after the batch (Spark: `stateSnapshots`). */
  stateSnapshots(): DStream<[K, S]> {
    return this.internalStream.flatMap(function* (record): Iterable<[K, S]> {
      for (const [key, entry] of record.stateMap.getAll()) yield [key, entry.state];
    });
  }
}
