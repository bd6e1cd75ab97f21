/**
 * `IndexedDbCheckpointStore` on fake-indexeddb in Node: the CheckpointStore contract, the quota
 * path (a `put` made to throw `QuotaExceededError`) and the one-writer lock, which in Node (no Web
 * Locks API) holds within the process.
 */
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../../src/errors.js';
import { IndexedDbCheckpointStore } from '../../../../src/platform/browser/IndexedDbCheckpointStore.js';
import { describeCheckpointStoreContract, recordingLogger } from '../../checkpoint/checkpointStoreContract.js';
import { describeIndexedDbCheckpointStore } from './indexedDbCheckpointStoreCases.js';

let nextDatabase = 0;

describeCheckpointStoreContract('IndexedDbCheckpointStore', async (options) => {
  const name = `rivulet-checkpoint-contract-${nextDatabase++}`;
  return {
    store: new IndexedDbCheckpointStore(name, options),
    reopen: () => new IndexedDbCheckpointStore(name, options),
    dispose: () => deleteDB(name),
  };
});

describeIndexedDbCheckpointStore();

describe('IndexedDbCheckpointStore in Node', () => {
  const stores: IndexedDbCheckpointStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('without Web Locks, the lock keeps two stores of one process apart', async () => {
    expect((globalThis as { navigator?: { locks?: unknown } }).navigator?.locks).toBeUndefined();
    const name = `rivulet-checkpoint-node-lock-${nextDatabase++}`;
    const [a, b] = [new IndexedDbCheckpointStore(name), new IndexedDbCheckpointStore(name)];
    stores.push(a, b);
    await a.write(1000, new Map());
    await expect(b.write(2000, new Map())).rejects.toBeInstanceOf(CheckpointError);
    await a.close();
    await b.write(2000, new Map());
    expect((await b.readLatest())?.time).toBe(2000);
    await deleteDB(name);
  });

  it('names itself after its database', () => {
    const store = new IndexedDbCheckpointStore('my-app:checkpoint', { logger: recordingLogger() });
    expect(store.name).toBe('indexeddb:my-app:checkpoint');
    expect(store.databaseName).toBe('my-app:checkpoint');
  });
});
