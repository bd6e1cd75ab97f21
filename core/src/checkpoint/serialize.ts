import { CheckpointError } from '../errors.js';

/**
 * The checkpoint serialiser: turns what streams keep between batches (state values, window
 * contents, source positions) into a string a `CheckpointStore` part can hold, and back
 * (Spark: Java serialisation of the `Checkpoint` object and of checkpointed RDD partitions).
 *
 * Round-trips exactly: strings, booleans, `null`, `undefined`, every number (including `NaN`,
 * `±Infinity` and `-0`), `bigint`, arrays (a hole comes back as `undefined`), plain objects
 * (also those with a `$` key), `Map`, `Set`, `Date` and typed arrays, nested in any way.
 *
 * Limits, documented in the README:
 * - A class instance comes back as a plain object with the same own enumerable fields, without
 *   its prototype (methods, getters, `instanceof`) — unless its class was registered with
 *   `registerCheckpointClass`, which restores the prototype (the constructor is not called).
 *   `#private` fields are never seen; a subclass of Map or Set comes back as a Map or Set.
 * - Functions and symbols cannot be checkpointed: a `CheckpointError` (CHECKPOINT_NOT_SERIALIZABLE)
 *   says where, rather than dropping them as `JSON.stringify` would.
 * - References are not shared: an object reachable twice comes back as two copies, and a cycle is
 *   refused with CHECKPOINT_NOT_SERIALIZABLE.
 *
 * Format: `J` + plain JSON when the value needs no tags (the common case: state of numbers,
 * strings, arrays and plain objects, parsed back with a bare `JSON.parse`), else `T` + JSON in
 * which values JSON lacks are objects tagged by a `$` key: `{"$":"u"}` undefined,
 * `{"$":"n","v":"NaN"}` a number JSON cannot hold, `{"$":"b","v":"12"}` bigint,
 * `{"$":"d","v":ms}` Date, `{"$":"m","v":[[k,v]…]}` Map, `{"$":"s","v":[…]}` Set,
 * `{"$":"a","t":"Uint8Array","v":[…]}` typed array, `{"$":"c","n":name,"v":[[k,v]…]}` registered
 * class instance, and `{"$":"o","v":[[k,v]…]}` a plain object that itself has a `$` key.
 */
export function serialize(value: unknown): string {
  if (isPlainJson(value, 0)) return `J${JSON.stringify(value)}`;
  try {
    return `T${JSON.stringify(value, tagValue)}`;
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    // JSON.stringify's TypeError for a cycle ("Converting circular structure to JSON").
    throw new CheckpointError(
      'CHECKPOINT_NOT_SERIALIZABLE',
      `Cannot checkpoint a value: ${error instanceof Error ? error.message : String(error)}; ` +
        'checkpointed values must be trees (no cycles).',
      { cause: error },
    );
  }
}

/** The value `serialize` wrote (Spark: deserialising a checkpoint). */
export function deserialize(text: string): unknown {
  const kind = text.charAt(0);
  if (kind === 'J') return JSON.parse(text.slice(1));
  if (kind === 'T') return untag(JSON.parse(text.slice(1)));
  throw new CheckpointError(
    'CHECKPOINT_CORRUPT',
    `Cannot read a checkpointed value: it starts with ${JSON.stringify(text.slice(0, 8))}, not the serialiser's J or T tag.`,
  );
}

// ---- Registered classes ----

type AnyClass = abstract new (...args: never[]) => object;

const classByName = new Map<string, object>();
const nameByPrototype = new Map<object, string>();

/**
 * Lets instances of `cls` keep their class through a checkpoint: they are written with `name`
 * and their own enumerable fields, and read back onto `cls.prototype` without calling the
 * constructor (Spark: any `Serializable` class). Register the same name before `getOrCreate`
 * reads the checkpoint. Re-registering a name replaces it.
 */
export function registerCheckpointClass(name: string, cls: AnyClass): void {
  const prototype = cls.prototype as object;
  const previous = classByName.get(name);
  if (previous) nameByPrototype.delete(previous);
  classByName.set(name, prototype);
  nameByPrototype.set(prototype, name);
}

// ---- Plain JSON detection ----

/** Deeper than this, the tagged path (which detects cycles) is used instead of recursing further. */
const MAX_PLAIN_DEPTH = 256;

/** True if `JSON.stringify` + `JSON.parse` alone round-trip `value` exactly. */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_PLAIN_DEPTH) return false;
      const prototype = Object.getPrototypeOf(value) as object | null;
      if (prototype === Array.prototype) {
        const array = value as unknown[];
        for (let i = 0; i < array.length; i++) {
          const item = array[i];
          // Inline the common leaves, so an array of numbers or strings costs no call per item.
          const type = typeof item;
          if (type === 'string') continue;
          if (type === 'number' ? !Number.isFinite(item) || Object.is(item, -0) : !isPlainJson(item, depth + 1)) {
            return false;
          }
        }
        return true;
      }
      if (prototype !== Object.prototype) return false;
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
        if (!isPlainJson(record[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false; // undefined, bigint, function, symbol
  }
}

// ---- Tagging (write) ----

const UNDEFINED_TAG = Object.freeze({ $: 'u' });

/**
 * `JSON.stringify`'s replacer. It reads the raw value from the holder (`this[key]`), so `toJSON`
 * methods (Date's) are bypassed and every value is tagged by what it is.
 */
function tagValue(this: Record<string, unknown>, key: string): unknown {
  const value = this[key];
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { $: 'n', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'undefined':
      return UNDEFINED_TAG;
    case 'bigint':
      return { $: 'b', v: value.toString() };
    case 'function':
    case 'symbol':
      throw new CheckpointError(
        'CHECKPOINT_NOT_SERIALIZABLE',
        `Cannot checkpoint a ${typeof value} (at key '${key}'): checkpointed state and source positions ` +
          'must be data (numbers, strings, arrays, objects, Map, Set, Date, bigint); keep functions out of state.',
      );
    default:
      return value === null ? null : tagObject(value as object);
  }
}

function tagObject(value: object): unknown {
  if (Array.isArray(value)) return value;
  if (value instanceof Date) return { $: 'd', v: value.getTime() };
  if (value instanceof Map) return { $: 'm', v: Array.from(value) };
  if (value instanceof Set) return { $: 's', v: Array.from(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return { $: 'a', t: value.constructor.name, v: Array.from(value as unknown as ArrayLike<number | bigint>) };
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === Object.prototype || prototype === null) {
    return Object.prototype.hasOwnProperty.call(value, '$') ? { $: 'o', v: Object.entries(value) } : value;
  }
  const name = nameByPrototype.get(prototype as object);
  if (name !== undefined) return { $: 'c', n: name, v: Object.entries(value) };
  // An unregistered class instance: written as its fields (documented: it loses its prototype).
  return Object.prototype.hasOwnProperty.call(value, '$') ? { $: 'o', v: Object.entries(value) } : { ...value };
}

// ---- Untagging (read) ----

const TYPED_ARRAYS: Record<string, new (values: ArrayLike<number> & ArrayLike<bigint>) => unknown> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as never;

/** Rebuilds tagged values in place, depth first; untagged leaves are returned as parsed. */
function untag(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item === 'object' && item !== null) node[i] = untag(item);
    }
    return node;
  }
  const record = node as Record<string, unknown>;
  const tag = record.$;
  if (typeof tag !== 'string') {
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'object' && item !== null) record[key] = untag(item);
    }
    return record;
  }
  switch (tag) {
    case 'u':
      return undefined;
    case 'n':
      return record.v === '-0' ? -0 : Number(record.v);
    case 'b':
      return BigInt(record.v as string);
    case 'd':
      return new Date(untag(record.v) as number);
    case 'm':
      return new Map(untag(record.v) as [unknown, unknown][]);
    case 's':
      return new Set(untag(record.v) as unknown[]);
    case 'a': {
      const TypedArray = TYPED_ARRAYS[record.t as string];
      if (!TypedArray) throw unknownTag(`typed array ${String(record.t)}`);
      return new TypedArray(untag(record.v) as never);
    }
    case 'o':
      return Object.fromEntries(untag(record.v) as [string, unknown][]);
    case 'c': {
      const prototype = classByName.get(record.n as string);
      if (!prototype) {
        throw new CheckpointError(
          'CHECKPOINT_NOT_SERIALIZABLE',
          `The checkpoint holds an instance of class '${String(record.n)}', which is not registered here; ` +
            `call registerCheckpointClass('${String(record.n)}', ${String(record.n)}) before getOrCreate().`,
        );
      }
      return Object.assign(Object.create(prototype) as object, Object.fromEntries(untag(record.v) as [string, unknown][]));
    }
    default:
      throw unknownTag(`tag '${tag}'`);
  }
}

function unknownTag(what: string): CheckpointError {
  return new CheckpointError(
    'CHECKPOINT_CORRUPT',
    `Cannot read a checkpointed value: unknown ${what}; it was written by a newer Rivulet or altered.`,
  );
}
