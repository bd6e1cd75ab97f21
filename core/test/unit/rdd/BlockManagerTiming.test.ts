import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockManager } from '../../../src/rdd/BlockManager.ts';
import { consoleLogger } from '../../../src/util/Logger.ts';
import { estimateSize } from '../../../src/util/estimateSize.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('BlockManager compute times', () => {
  it("records each block's own compute time, without the cached blocks computed inside it", () => {
    const readings = [0, 10, 30, 50]; // outer starts, inner starts, inner ends, outer ends
    vi.spyOn(performance, 'now').mockImplementation(() => readings.shift()!);
    const blocks = new BlockManager(1024 * 1024, consoleLogger);
    blocks.getOrCompute(2, 0, () => {
      const parent = blocks.getOrCompute(1, 0, () => [1, 2, 3]);
      return parent.map((x) => x * 2);
    });
    expect(blocks.peekBlock(1, 0)).toMatchObject({ records: [1, 2, 3], computeMs: 20 });
    expect(blocks.peekBlock(2, 0)).toMatchObject({ records: [2, 4, 6], computeMs: 30 });
  });

  it('peeks without counting as a use, and answers undefined for a block it does not hold', () => {
    const blocks = new BlockManager(2 * estimateSize(['a']), consoleLogger); // room for two blocks
    expect(blocks.peekBlock(1, 0)).toBeUndefined();
    blocks.getOrCompute(1, 0, () => ['a']);
    blocks.getOrCompute(2, 0, () => ['b']);
    expect(blocks.peekBlock(1, 0)?.records).toEqual(['a']);
    blocks.getOrCompute(3, 0, () => ['c']); // evicts the least recently used: still rdd 1
    expect(blocks.peekBlock(1, 0)).toBeUndefined();
    expect(blocks.peekBlock(2, 0)?.records).toEqual(['b']);
  });
});
