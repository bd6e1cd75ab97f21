/** A one-hash Bloom filter of hash codes: what lets a window pass over its unchanged keys. */
import { describe, expect, it } from 'vitest';
import { HashFilter } from '../../../src/util/HashFilter.js';
import { hashCode } from '../../../src/util/hashCode.js';

describe('HashFilter', () => {
  it('never answers no for a hash it was given', () => {
    for (const size of [0, 1, 7, 1000]) {
      const filter = new HashFilter(size);
      const added = Array.from({ length: Math.max(size, 1) }, (_, i) => hashCode(`w${i}`));
      for (const h of added) filter.add(h);
      expect(added.every((h) => filter.mayContain(h))).toBe(true);
    }
  });

  it('answers no for most other hashes, small integers included', () => {
    const filter = new HashFilter(1000);
    for (let i = 0; i < 1000; i++) filter.add(i);
    let maybes = 0;
    for (let i = 1000; i < 101_000; i++) if (filter.mayContain(i)) maybes++;
    expect(maybes).toBeLessThan(7000); // about 3 % expected at 16–32 bits per hash
  });

  it('is empty when nothing was added', () => {
    const filter = new HashFilter(10);
    expect([0, 1, -1, 0x7fffffff].some((h) => filter.mayContain(h))).toBe(false);
  });
});
