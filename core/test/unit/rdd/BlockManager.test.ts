/** The cache of persisted partitions: a byte budget with least-recently-used eviction. */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/index.js';
import { BlockManager } from '../../../src/rdd/BlockManager.js';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const block = (...values: number[]) => () => values;

/** A manager with room for exactly `blocks` blocks of three numbers. */
function managerFor(blocks: number): BlockManager {
  const probe = new BlockManager(Infinity, silent);
  probe.getOrCompute(0, 0, block(1, 2, 3));
  return new BlockManager(probe.memoryUsed * blocks, silent);
}

describe('BlockManager', () => {
  it('computes a partition once and then serves it from memory', () => {
    const blocks = new BlockManager(1024, silent);
    let computed = 0;
    const compute = () => (computed++, [1, 2, 3]);
    expect(blocks.getOrCompute(7, 0, compute)).toEqual([1, 2, 3]);
    expect(blocks.getOrCompute(7, 0, compute)).toEqual([1, 2, 3]);
    expect(computed).toBe(1);
    expect(blocks.rddStatus(7)).toEqual({ partitions: 1, bytes: blocks.memoryUsed });
  });

  it('evicts the least recently used block of another RDD to make room', () => {
    const blocks = managerFor(2);
    blocks.getOrCompute(1, 0, block(1, 2, 3));
    blocks.getOrCompute(2, 0, block(4, 5, 6));
    blocks.getOrCompute(1, 0, block(0, 0, 0)); // touch rdd 1, so rdd 2 is now the least recently used
    blocks.getOrCompute(3, 0, block(7, 8, 9));
    expect(blocks.rddStatus(1).partitions).toBe(1);
    expect(blocks.rddStatus(2).partitions).toBe(0);
    expect(blocks.rddStatus(3).partitions).toBe(1);
    expect(blocks.memoryUsed).toBeLessThanOrEqual(blocks.memoryLimitBytes);
  });

  it('does not evict blocks of the RDD it is caching', () => {
    const blocks = managerFor(2);
    blocks.getOrCompute(1, 0, block(1, 2, 3));
    blocks.getOrCompute(1, 1, block(4, 5, 6));
    expect(blocks.getOrCompute(1, 2, block(7, 8, 9))).toEqual([7, 8, 9]);
    expect(blocks.rddStatus(1).partitions).toBe(2);
    let recomputed = false;
    blocks.getOrCompute(1, 2, () => ((recomputed = true), [7, 8, 9]));
    expect(recomputed).toBe(true);
  });

  it('removeBlock and removeRdd release memory', () => {
    const blocks = new BlockManager(1024, silent);
    blocks.getOrCompute(1, 0, block(1));
    blocks.getOrCompute(1, 1, block(2));
    blocks.getOrCompute(2, 0, block(3));
    expect(blocks.removeBlock(1, 1)).toBe(true);
    expect(blocks.removeBlock(1, 1)).toBe(false);
    expect(blocks.rddStatus(1).partitions).toBe(1);
    blocks.removeRdd(1);
    expect(blocks.rddStatus(1)).toEqual({ partitions: 0, bytes: 0 });
    expect(blocks.memoryUsed).toBe(blocks.rddStatus(2).bytes);
    blocks.clear();
    expect(blocks.memoryUsed).toBe(0);
  });

  it('warns through its logger when a block cannot be cached', () => {
    const warnings: string[] = [];
    const blocks = new BlockManager(4, { ...silent, warn: (message) => void warnings.push(message) });
    expect(blocks.getOrCompute(3, 1, block(1, 2, 3))).toEqual([1, 2, 3]);
    expect(blocks.memoryUsed).toBe(0);
    expect(warnings).toEqual([expect.stringContaining('rdd_3_1')]);
  });
});
