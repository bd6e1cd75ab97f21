import { ValidationError } from '../../errors.js';
import type { Time } from '../Time.js';

/**
 * The three forms of `updateStateByKey`'s function (Spark's three overloads). Scala tells them
 * apart by parameter types; Rivulet tells them apart by the function's **declared parameter
 * count** (`fn.length`), so declare every parameter, without default values or a rest parameter
 * (`(values, state = 0) => …` declares 1):
 *
 * - 2 — `(values, state) => newState`: called for every key of the state and of the batch, every
 *   batch (`values` is `[]` for a key without new values, `state` is `undefined` for a new key).
 * - 4 — `(time, key, values, state) => newState`: the same, with the batch time and the key.
 * - 1 — `(entries) => pairs`: gets every `[key, values, state]` of a partition and yields the
 *   `[key, newState]` pairs to keep.
 *
 * A state of `undefined` — returned, or left out by the iterator form — removes the key.
 * `K` and `V` come from the stream (the three forms would otherwise infer them from each other's
 * parameters); `S` from the function, whose parameters need type annotations, as in Spark's guide:
 * `pairs.updateStateByKey((values: number[], count: number | undefined) => (count ?? 0) + values.length)`.
 */
export type UpdateStateFunction<K, V, S> =
  | ((values: NoInfer<V>[], state: S | undefined) => S | undefined)
  | ((time: Time, key: NoInfer<K>, values: NoInfer<V>[], state: S | undefined) => S | undefined)
  | ((entries: Iterable<[NoInfer<K>, NoInfer<V>[], S | undefined]>) => Iterable<[NoInfer<K>, S]>);

/**
 * The form `StateDStream` runs: a partition's `[key, values, state]` entries at a batch time in,
 * new states out (Spark: `StateDStream`'s `updateFunc`).
 */
export type IteratorUpdateFunction<K, V, S> = (
  time: Time,
  entries: Iterable<[K, V[], S | undefined]>,
) => Iterable<[K, S]>;

/**
 * Normalises any `UpdateStateFunction` to the iterator form, by its declared parameter count
 * (Spark: the wrapping done by each `PairDStreamFunctions.updateStateByKey` overload).
 * Throws a `ValidationError` (`INVALID_ARGUMENT`) for any other parameter count.
 */
export function toIteratorUpdateFunction<K, V, S>(fn: UpdateStateFunction<K, V, S>): IteratorUpdateFunction<K, V, S> {
  if (typeof fn !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', `updateStateByKey: expected a function, got ${typeof fn}; ${ACCEPTED_FORMS}`);
  }
  switch (fn.length) {
    case 2: {
      const simple = fn as (values: V[], state: S | undefined) => S | undefined;
      return function* (_time, entries) {
        for (const [key, values, state] of entries) {
          const next = simple(values, state);
          if (next !== undefined) yield [key, next];
        }
      };
    }
    case 4: {
      const keyed = fn as (time: Time, key: K, values: V[], state: S | undefined) => S | undefined;
      return function* (time, entries) {
        for (const [key, values, state] of entries) {
          const next = keyed(time, key, values, state);
          if (next !== undefined) yield [key, next];
        }
      };
    }
    case 1: {
      const iterator = fn as (entries: Iterable<[K, V[], S | undefined]>) => Iterable<[K, S]>;
      return function* (_time, entries) {
        // `undefined` is "no state" in every form, so a pair carrying it removes its key here too.
        for (const pair of iterator(entries)) if (pair[1] !== undefined) yield pair;
      };
    }
    default:
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `updateStateByKey: the update function declares ${fn.length} parameters; ${ACCEPTED_FORMS}`,
      );
  }
}

const ACCEPTED_FORMS =
  'pass (values, state) => newState, (time, key, values, state) => newState, or ' +
  '(entries) => iterable of [key, newState]; the form is told by the declared parameter count, ' +
  'so declare every parameter, without default values or a rest parameter.';
