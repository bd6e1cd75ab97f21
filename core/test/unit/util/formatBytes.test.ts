/** Sizes in lineage read as Spark's `Utils.bytesToString` writes them. */
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/util/formatBytes.js';

describe('formatBytes', () => {
  it('keeps bytes below 2 KiB in bytes', () => {
    expect(formatBytes(0)).toBe('0.0 B');
    expect(formatBytes(100)).toBe('100.0 B');
    expect(formatBytes(1024)).toBe('1024.0 B');
    expect(formatBytes(2047)).toBe('2047.0 B');
  });

  it('switches unit at twice the next unit, with one decimal', () => {
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1536.0 KiB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2.0 MiB');
    expect(formatBytes(5.25 * 1024 ** 3)).toBe('5.3 GiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TiB');
  });
});
