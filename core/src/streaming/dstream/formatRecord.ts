/**
 * One element as `print()` shows it, the way Scala prints the same value in Spark's output:
 * a pair `['a', 1]` as `(a,1)`, strings bare, `undefined` (Scala's `None`) as `None`, and plain
 * objects as JSON.
 */
export function formatRecord(value: unknown): string {
  if (Array.isArray(value)) return `(${value.map(formatRecord).join(',')})`;
  if (value === undefined) return 'None';
  if (value === null) return 'null';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Map) return `Map(${[...value].map(([k, v]) => `${formatRecord(k)} -> ${formatRecord(v)}`).join(', ')})`;
    if (value instanceof Set) return `Set(${[...value].map(formatRecord).join(', ')})`;
    return JSON.stringify(value);
  }
  return String(value);
}
