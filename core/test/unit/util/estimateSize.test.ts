/** A rough size of cached partitions, for the cache's byte budget. */
import { describe, expect, it } from 'vitest';
import { estimateSize } from '../../../src/util/estimateSize.js';

describe('estimateSize', () => {
  it('grows with the number of records', () => {
    const small = estimateSize([1, 2, 3]);
    const large = estimateSize(Array.from({ length: 3000 }, (_, i) => i));
    expect(estimateSize([])).toBeLessThan(small);
    expect(large).toBeGreaterThan(500 * small);
  });

  it('grows with the size of each record', () => {
    expect(estimateSize(['a'.repeat(1000)])).toBeGreaterThan(estimateSize(['a']));
    expect(estimateSize([{ a: [1, 2, 3], b: 'text' }])).toBeGreaterThan(estimateSize([1]));
  });

  it('is the same for the same records', () => {
    const records = Array.from({ length: 500 }, (_, i) => ({ id: i, tags: ['x', 'y'] }));
    expect(estimateSize(records)).toBe(estimateSize(structuredClone(records)));
  });

  it('terminates on deeply nested and cyclic records', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(estimateSize([cyclic])).toBeGreaterThan(0);
  });
});
