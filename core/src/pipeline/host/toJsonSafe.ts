import type { JsonValue } from '../PipelineSpec.js';

/** How much of a record a sample keeps. */
export interface JsonSafeLimits {
  /** Longer strings are cut and end with `…`. */
  readonly maxStringLength: number;
  /** Arrays, objects, maps and sets keep their first entries only. */
  readonly maxEntries: number;
  /** Deeper values become `'…'`. */
  readonly maxDepth: number;
}

export const defaultJsonSafeLimits: JsonSafeLimits = { maxStringLength: 200, maxEntries: 20, maxDepth: 4 };

/**
 * A record as a small JSON value for display: strings truncated, collections cut, `Map`s as
 * entry arrays, `Set`s as arrays, `undefined` as `null`, non-finite numbers, bigints, symbols and
 * functions as strings. Bounded by `limits`, so a huge or cyclic record costs little.
 */
export function toJsonSafe(value: unknown, limits: JsonSafeLimits = defaultJsonSafeLimits, depth = 0): JsonValue {
  switch (typeof value) {
    case 'string':
      return value.length > limits.maxStringLength ? `${value.slice(0, limits.maxStringLength)}…` : value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  if (depth >= limits.maxDepth) return '…';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Map) return entriesOf(value.entries(), limits, depth);
  if (value instanceof Set || Array.isArray(value)) return entriesOf(value.values(), limits, depth);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const result: Record<string, JsonValue> = {};
  for (let i = 0; i < keys.length; i++) {
    if (i === limits.maxEntries) {
      result['…'] = `${keys.length - limits.maxEntries} more`;
      break;
    }
    result[keys[i]!] = toJsonSafe(record[keys[i]!], limits, depth + 1);
  }
  return result;
}

function entriesOf(values: Iterator<unknown>, limits: JsonSafeLimits, depth: number): JsonValue[] {
  const result: JsonValue[] = [];
  for (let next = values.next(); !next.done; next = values.next()) {
    if (result.length === limits.maxEntries) {
      result.push('…');
      break;
    }
    result.push(toJsonSafe(next.value, limits, depth + 1));
  }
  return result;
}
