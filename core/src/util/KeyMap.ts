import { canonicalKey, isStructuredKey } from './keyEquality.js';

/**
 * A `Map` whose keys compare by value: primitives go to a native `Map` untouched (the fast path),
 * arrays and plain objects are indexed by their canonical string. Iteration follows insertion
 * order, primitives first, so results are deterministic.
 */
export class KeyMap<K, V> {
  private readonly primitives = new Map<K, V>();
  private readonly structured = new Map<string, [K, V]>();

  get size(): number {
    return this.primitives.size + this.structured.size;
  }

  get(key: K): V | undefined {
    return isStructuredKey(key) ? this.structured.get(canonicalKey(key))?.[1] : this.primitives.get(key);
  }

  has(key: K): boolean {
    return isStructuredKey(key) ? this.structured.has(canonicalKey(key)) : this.primitives.has(key);
  }

  set(key: K, value: V): this {
    if (!isStructuredKey(key)) {
      this.primitives.set(key, value);
      return this;
    }
    const id = canonicalKey(key);
    const entry = this.structured.get(id);
    if (entry) entry[1] = value;
    else this.structured.set(id, [key, value]);
    return this;
  }

  delete(key: K): boolean {
    return isStructuredKey(key) ? this.structured.delete(canonicalKey(key)) : this.primitives.delete(key);
  }

  /**
   * Folds `value` into the entry for `key`: `create(value)` for a new key, `merge(current, value)`
   * otherwise. One call per record on the shuffle's hot path, so it avoids a second lookup where it can.
   */
  combine<W>(key: K, value: W, create: (value: W) => V, merge: (current: V, value: W) => V): void {
    if (!isStructuredKey(key)) {
      const map = this.primitives;
      const current = map.get(key);
      if (current !== undefined || map.has(key)) map.set(key, merge(current as V, value));
      else map.set(key, create(value));
      return;
    }
    const id = canonicalKey(key);
    const entry = this.structured.get(id);
    if (entry) entry[1] = merge(entry[1], value);
    else this.structured.set(id, [key, create(value)]);
  }

  /** Calls `f` on every entry, in iteration order, without an entry array per key as `entries()` makes. */
  forEach(f: (value: V, key: K) => void): void {
    this.primitives.forEach(f);
    for (const entry of this.structured.values()) f(entry[1], entry[0]);
  }

  /** The entries as new `[key, value]` pairs in an array: `Array.from(entries())` without a generator step per entry. */
  toArray(): [K, V][] {
    const pairs = Array.from(this.primitives);
    for (const entry of this.structured.values()) pairs.push([entry[0], entry[1]]);
    return pairs;
  }

  *entries(): IterableIterator<[K, V]> {
    yield* this.primitives.entries();
    yield* this.structured.values();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
