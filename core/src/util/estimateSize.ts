/**
 * A rough heap size of a partition's records, in bytes (Spark: `SizeEstimator`, which also samples).
 * JavaScript cannot measure objects, so this walks up to 64 evenly spaced records and scales.
 */
export function estimateSize(records: readonly unknown[]): number {
  const n = records.length;
  if (n === 0) return 16;
  const samples = Math.min(n, 64);
  let sampled = 0;
  for (let i = 0; i < samples; i++) sampled += estimateValue(records[Math.floor((i * n) / samples)], 0);
  return 16 + 8 * n + Math.round((sampled / samples) * n);
}

function estimateValue(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return 16 + 2 * value.length;
    case 'number':
      return 8;
    case 'boolean':
    case 'undefined':
      return 4;
    case 'bigint':
      return 16;
    case 'object': {
      if (value === null) return 4;
      if (depth > 3) return 64;
      if (Array.isArray(value)) {
        const size = 16 + 8 * value.length;
        const limit = Math.min(value.length, 16);
        let inner = 0;
        for (let i = 0; i < limit; i++) inner += estimateValue(value[i], depth + 1);
        return size + (limit ? (inner / limit) * value.length : 0);
      }
      let size = 24;
      for (const k of Object.keys(value)) size += 8 + estimateValue((value as Record<string, unknown>)[k], depth + 1);
      return size;
    }
    default:
      return 32;
  }
}
