/** `MemoryCheckpointStore` against the CheckpointStore contract, plus what is particular to memory. */
import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from '../../../src/index.js';
import { describeCheckpointStoreContract } from './checkpointStoreContract.js';

describeCheckpointStoreContract('MemoryCheckpointStore', async (options) => {
  const store = new MemoryCheckpointStore(options);
  return { store, reopen: () => store, dispose: async () => {} };
});

describe('MemoryCheckpointStore', () => {
  it("is named 'memory' and keeps its data across close()", async () => {
    const store = new MemoryCheckpointStore();
    expect(store.name).toBe('memory');
    await store.write(1000, new Map([['a', 'b']]));
    await store.close();
    expect((await store.readLatest())?.parts.get('a')).toBe('b');
  });

  it('rejects a retain below 1 or a fractional log window', () => {
    expect(() => new MemoryCheckpointStore({ retain: 0 })).toThrow(/retain 0/);
    expect(() => new MemoryCheckpointStore({ writeAheadLogWindowMs: 0.5 })).toThrow(/writeAheadLogWindowMs 0.5/);
  });
});
