/**
 * A deep copy that keeps prototypes. Spark hands every task a fresh, deserialised copy of a zero
 * value or a shuffled combiner, class and all; `structuredClone` would turn a class instance into
 * a plain object and lose its methods. Arrays, Maps, Sets and Dates are copied entry by entry,
 * other objects own enumerable property by property onto the same prototype; functions are shared.
 * Like Java serialisation, this cannot reach state a class hides in `#private` fields.
 */
export function cloneValue<T>(value: T): T {
  // Primitives are immutable; most shuffled values (counts, sums) leave here, without a `seen` map.
  if (typeof value !== 'object' || value === null) return value;
  return copy(value, new Map()) as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (value instanceof Date) return new Date(value.getTime());
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return structuredClone(value);
  const proto = Object.getPrototypeOf(value) as object | null;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    seen.set(value, withPrototype(out, proto));
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], seen);
    return out;
  }
  if (value instanceof Map) {
    const out = withPrototype(new Map<unknown, unknown>(), proto);
    seen.set(value, out);
    for (const [k, v] of value) out.set(copy(k, seen), copy(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = withPrototype(new Set<unknown>(), proto);
    seen.set(value, out);
    for (const v of value) out.add(copy(v, seen));
    return out;
  }
  const out = Object.create(proto) as Record<string, unknown>;
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key], seen);
  return out;
}

/** Gives a fresh built-in the prototype of the object it copies (a subclass of Map, say). */
function withPrototype<T extends object>(fresh: T, proto: object | null): T {
  if (Object.getPrototypeOf(fresh) !== proto) Object.setPrototypeOf(fresh, proto);
  return fresh;
}
