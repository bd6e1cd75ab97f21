import { ValidationError } from '../../errors.js';
import { HashPartitioner, Partitioner } from '../../rdd/Partitioner.js';
import type { RDD } from '../../rdd/internal.js';
import { Duration } from '../Duration.js';
import type { Time } from '../Time.js';
import type { MappingFunction } from './MapWithStateRDD.js';
import type { State } from './State.js';

/**
 * Everything `mapWithState` needs: the mapping function, and optionally initial states, the
 * partitioning of the states and an idle timeout (Spark: `StateSpec`). Build one with
 * `StateSpec.function(...)` and chain the setters:
 *
 * ```ts
 * const spec = StateSpec.function((word: string, one: number | undefined, state: State<number>) => {
 *   const sum = (one ?? 0) + (state.getOption() ?? 0);
 *   state.update(sum);
 *   return [word, sum] as [string, number];
 * }).numPartitions(4).timeout(Minutes(10));
 * pairs.mapWithState(spec);
 * ```
 */
export class StateSpec<K, V, S, M> {
  private partitionerValue: Partitioner | undefined;
  private initialStateRDD: RDD<[K, S]> | undefined;
  private timeoutInterval: Duration | undefined;

  private constructor(private readonly mappingFunction: MappingFunction<K, V, S, M>) {}

  /**
   * A spec for a mapping function, whose form is told by its declared parameter count (Spark:
   * `StateSpec.function`'s overloads):
   * - 3 — `(key, value, state) => mapped`: every call emits its result;
   * - 4 — `(time, key, value, state) => mapped | undefined`: returning `undefined` emits nothing.
   *
   * `value` is `undefined` only in the last call for a key that timed out. Declare every parameter,
   * without default values or a rest parameter (`(key, value, state = s) => …` declares 2).
   */
  static function<K, V, S, M>(mappingFunction: (key: K, value: V | undefined, state: State<S>) => M): StateSpec<K, V, S, M>;
  static function<K, V, S, M>(
    mappingFunction: (time: Time, key: K, value: V | undefined, state: State<S>) => M | undefined,
  ): StateSpec<K, V, S, M>;
  static function<K, V, S, M>(
    mappingFunction:
      | ((key: K, value: V | undefined, state: State<S>) => M)
      | ((time: Time, key: K, value: V | undefined, state: State<S>) => M | undefined),
  ): StateSpec<K, V, S, M> {
    if (typeof mappingFunction !== 'function') {
      throw new ValidationError('INVALID_ARGUMENT', `StateSpec.function: expected a function, got ${typeof mappingFunction}; ${ACCEPTED_FORMS}`);
    }
    switch (mappingFunction.length) {
      case 3: {
        const simple = mappingFunction as (key: K, value: V | undefined, state: State<S>) => M;
        return new StateSpec<K, V, S, M>((_time, key, value, state, out) => {
          out.push(simple(key, value, state));
        });
      }
      case 4: {
        const advanced = mappingFunction as (time: Time, key: K, value: V | undefined, state: State<S>) => M | undefined;
        return new StateSpec<K, V, S, M>((time, key, value, state, out) => {
          const mapped = advanced(time, key, value, state);
          if (mapped !== undefined) out.push(mapped);
        });
      }
      default:
        throw new ValidationError(
          'INVALID_ARGUMENT',
          `StateSpec.function: the mapping function declares ${mappingFunction.length} parameters; ${ACCEPTED_FORMS}`,
        );
    }
  }

  /** Starts the states from `rdd`'s `[key, state]` pairs (Spark: `StateSpec.initialState`). */
  initialState(rdd: RDD<[K, S]>): this {
    this.initialStateRDD = rdd;
    return this;
  }

  /** Hash-partitions the states into `numPartitions` partitions (Spark: `StateSpec.numPartitions`). */
  numPartitions(numPartitions: number): this {
    if (!Number.isInteger(numPartitions) || numPartitions < 1) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `StateSpec.numPartitions: ${numPartitions} is not a positive integer; pass for example 2.`,
      );
    }
    return this.partitioner(new HashPartitioner(numPartitions));
  }

  /** Partitions the states with `partitioner` (Spark: `StateSpec.partitioner`). */
  partitioner(partitioner: Partitioner): this {
    if (!(partitioner instanceof Partitioner)) {
      throw new ValidationError('INVALID_ARGUMENT', 'StateSpec.partitioner: pass a Partitioner, e.g. new HashPartitioner(4).');
    }
    this.partitionerValue = partitioner;
    return this;
  }

  /**
   * Removes the state of a key that has received no data for at least `idleDuration`, after one
   * last call with `state.isTimingOut()` true and no value (Spark: `StateSpec.timeout`). As in
   * Spark, idle keys are looked for on the batches whose state is checkpointed — every 10 batches
   * by default; `stream.checkpoint(interval)` on the `mapWithState` stream changes how often.
   */
  timeout(idleDuration: Duration): this {
    if (!(idleDuration instanceof Duration)) {
      throw new ValidationError('INVALID_ARGUMENT', 'StateSpec.timeout: pass a Duration, e.g. Seconds(30).');
    }
    this.timeoutInterval = idleDuration;
    return this;
  }

  /** @internal */
  getFunction(): MappingFunction<K, V, S, M> {
    return this.mappingFunction;
  }

  /** @internal */
  getInitialStateRDD(): RDD<[K, S]> | undefined {
    return this.initialStateRDD;
  }

  /** @internal */
  getPartitioner(): Partitioner | undefined {
    return this.partitionerValue;
  }

  /** @internal */
  getTimeoutInterval(): Duration | undefined {
    return this.timeoutInterval;
  }
}

const ACCEPTED_FORMS =
  'pass (key, value, state) => mapped, or (time, key, value, state) => mapped | undefined; the form ' +
  'is told by the declared parameter count, so declare every parameter, without default values or a rest parameter.';
