import type { JsonValue } from 'rivulet';

/** How a sample of records is tabulated: key/value pairs, objects by field, or one column. */
export type RecordShape = { kind: 'pairs' } | { kind: 'objects'; fields: readonly string[] } | { kind: 'values' };

const MAX_FIELDS = 6;

export function recordShape(records: readonly JsonValue[]): RecordShape {
  if (records.length === 0) return { kind: 'values' };
  if (records.every((r) => Array.isArray(r) && r.length === 2)) return { kind: 'pairs' };
  if (records.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    const fields = new Set<string>();
    for (const r of records) for (const key of Object.keys(r as object)) if (fields.size < MAX_FIELDS) fields.add(key);
    return { kind: 'objects', fields: [...fields] };
  }
  return { kind: 'values' };
}

/** A value in a table cell: strings as they are, anything else as JSON, cut to `max` characters. */
export function cellText(value: JsonValue | undefined, max = 120): string {
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A stable identity for a key, so keys compare by value as Rivulet's do. */
export function keyOf(value: JsonValue): string {
  return JSON.stringify(value);
}
