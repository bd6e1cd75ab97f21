import { IllegalStateError } from '../../errors.js';
import { KeyMap } from '../../util/KeyMap.js';

/** A key's state and the batch time (ms) it was last updated at (Spark: `StateMap`'s `StateInfo`). */
export interface StateEntry<S> {
  readonly state: S;
  readonly updateTimeMs: number;
}

/** Marks a key removed in a delta, hiding the ancestors' entry for it. */
const REMOVED = Symbol('removed');

/**
 * The states of one `mapWithState` partition at one batch: keys compare by value, and
 * every batch's map is an immutable snapshot (Spark: `StateMap` / `OpenHashMapBasedStateMap`).
 *
 * Copy-on-write by delta, as Spark does it: `copy()` freezes this map and returns a child that
 * records only the batch's changes over it, so a batch costs what it touches, and an older
 * batch's map — still referenced by its RDD — keeps giving its old answer if it is read or
 * recomputed. Once a chain reaches `deltaChainThreshold` maps, `copy()` first flattens it into a
 * fresh map (Spark compacts at the same length), so reads stay O(chain) and old maps can be freed.
 *
 *   batch 1         batch 2         batch 3
 *   {a:1, b:1}  ←─  {a:2}       ←─  {b: REMOVED}      get('a') in batch 3 = 2, get('b') = none
 */
export class StateMap<K, S> {
  private readonly delta = new KeyMap<K, StateEntry<S> | typeof REMOVED>();
  private frozen = false;
  private readonly chainLength: number;

  constructor(
    private readonly parent: StateMap<K, S> | undefined = undefined,
    private readonly deltaChainThreshold = DELTA_CHAIN_LENGTH_THRESHOLD,
  ) {
    this.chainLength = parent ? parent.chainLength + 1 : 0;
  }

  /** The entry of `key`, or `undefined` if it has no state. */
  get(key: K): StateEntry<S> | undefined {
    for (let map: StateMap<K, S> | undefined = this; map; map = map.parent) {
      const entry = map.delta.get(key);
      if (entry !== undefined) return entry === REMOVED ? undefined : entry;
    }
    return undefined;
  }

  /** Every key with its entry; a key's newest entry wins. */
  *getAll(): IterableIterator<[K, StateEntry<S>]> {
    if (!this.parent) {
      for (const [key, entry] of this.delta) if (entry !== REMOVED) yield [key, entry];
      return;
    }
    const seen = new KeyMap<K, true>();
    for (let map: StateMap<K, S> | undefined = this; map; map = map.parent) {
      for (const [key, entry] of map.delta) {
        if (seen.has(key)) continue;
        seen.set(key, true);
        if (entry !== REMOVED) yield [key, entry];
      }
    }
  }

  /** The keys last updated before `thresholdMs` (Spark: `StateMap.getByTime`). */
  *getByTime(thresholdMs: number): IterableIterator<[K, StateEntry<S>]> {
    for (const pair of this.getAll()) if (pair[1].updateTimeMs < thresholdMs) yield pair;
  }

  /** Sets the state of `key`, updated at `updateTimeMs`. */
  put(key: K, state: S, updateTimeMs: number): void {
    this.assertWritable();
    this.delta.set(key, { state, updateTimeMs });
  }

  /** Removes the state of `key`. */
  remove(key: K): void {
    this.assertWritable();
    if (this.parent) this.delta.set(key, REMOVED);
    else this.delta.delete(key);
  }

  /** Freezes this map and returns a writable map that starts with the same entries (Spark: `StateMap.copy`). */
  copy(): StateMap<K, S> {
    this.frozen = true;
    if (this.chainLength + 1 < this.deltaChainThreshold) return new StateMap(this, this.deltaChainThreshold);
    const flat = new StateMap<K, S>(undefined, this.deltaChainThreshold);
    for (const [key, entry] of this.getAll()) flat.delta.set(key, entry);
    flat.frozen = true;
    return new StateMap(flat, this.deltaChainThreshold);
  }

  /** How many maps this one reads through, itself excluded. */
  get deltaChainLength(): number {
    return this.chainLength;
  }

  private assertWritable(): void {
    if (this.frozen) {
      throw new IllegalStateError('ILLEGAL_STATE', 'StateMap: this map is an earlier batch\'s snapshot and cannot change; copy() it.');
    }
  }
}

/** Spark's `spark.streaming.sessionByKey.deltaChainThreshold` default. */
export const DELTA_CHAIN_LENGTH_THRESHOLD = 20;
