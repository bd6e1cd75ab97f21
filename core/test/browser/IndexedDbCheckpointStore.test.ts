/**
 * `IndexedDbCheckpointStore` in real Chromium: the CheckpointStore contract and the cases shared
 * with fake-indexeddb (same test names), then what only a browser has: Web Locks held by another
 * agent (a worker), a real quota (a small Storage Bucket) and the browser entry. Its timings are a
 * benchmark: test/bench/browser/checkpointIndexedDb.bench.test.ts.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointError } from '../../src/errors.js';
import { IndexedDbCheckpointStore } from '../../src/platform/browser/IndexedDbCheckpointStore.js';
import { currentPlatform } from '../../src/platform/platform.js';
import '../../src/browser.js';
import { describeCheckpointStoreContract, recordingLogger, statePart } from '../unit/checkpoint/checkpointStoreContract.js';
import { describeIndexedDbCheckpointStore } from '../unit/platform/browser/indexedDbCheckpointStoreCases.js';

let nextDatabase = 0;
const freshName = (label: string): string => `rivulet-browser-${label}-${nextDatabase++}`;
const parts = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

describeCheckpointStoreContract('IndexedDbCheckpointStore', async (options) => {
  const name = freshName('contract');
  return {
    store: new IndexedDbCheckpointStore(name, options),
    reopen: () => new IndexedDbCheckpointStore(name, options),
    dispose: () => deleteDB(name),
  };
});

describeIndexedDbCheckpointStore();

/** Storage Buckets (Chromium ≥ 122), not yet in TypeScript's DOM types. */
declare global {
  interface Navigator {
    readonly storageBuckets: {
      open(name: string, options?: { quota?: number }): Promise<{ readonly name: string; readonly indexedDB: IDBFactory }>;
      delete(name: string): Promise<void>;
    };
  }
}

/** Runs `body` with this window's global `indexedDB` replaced by `factory`. */
async function withIndexedDb(factory: IDBFactory, body: () => Promise<void>): Promise<void> {
  const own = Object.getOwnPropertyDescriptor(window, 'indexedDB')!; // [Global]: an own accessor of window
  Object.defineProperty(window, 'indexedDB', { configurable: true, value: factory });
  try {
    await body();
  } finally {
    Object.defineProperty(window, 'indexedDB', own);
  }
}

/** A worker that takes and gives back a Web Lock on request: another agent, as another tab would be. */
function lockHoldingWorker(): { take(name: string): Promise<void>; release(): Promise<void>; terminate(): void } {
  const source = `
    let release;
    onmessage = ({ data }) => {
      if (data.take) {
        navigator.locks
          .request(data.take, () => new Promise((resolve) => { release = resolve; postMessage('held'); }))
          .then(() => postMessage('released'));
      } else release();
    };`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  const next = (expected: string): Promise<void> =>
    new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data === expected ? resolve() : reject(new Error(`worker said ${String(data)}`)));
      worker.onerror = (event) => reject(new Error(event.message));
    });
  return {
    take: (name) => (worker.postMessage({ take: name }), next('held')),
    release: () => (worker.postMessage({}), next('released')),
    terminate: () => worker.terminate(),
  };
}

describe('IndexedDbCheckpointStore in Chromium', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a writer in another agent (a worker holding the Web Lock) makes this one CHECKPOINT_LOCKED until it lets go', async () => {
    expect(typeof navigator.locks?.request).toBe('function'); // the real Web Locks API
    const name = freshName('lock');
    const worker = lockHoldingWorker();
    const store = new IndexedDbCheckpointStore(name);
    cleanups.push(() => deleteDB(name), () => store.close(), async () => worker.terminate());
    await worker.take(`rivulet-checkpoint:${name}`);
    const error = await store.write(1000, parts({ a: 'x' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('CHECKPOINT_LOCKED');
    const isHeld = async () => (await navigator.locks.query()).held?.some((lock) => lock.name === `rivulet-checkpoint:${name}`);
    await worker.release();
    // The worker hears its lock is released before the browser's lock manager has let it go.
    await expect.poll(isHeld).toBe(false);
    await store.write(1000, parts({ a: 'x' }));
    // Now this store holds the lock, and the worker cannot take it until the store closes.
    expect(await isHeld()).toBe(true);
    await store.close();
    await expect.poll(isHeld).toBe(false);
  });

  it('a real QuotaExceededError (a storage bucket with a small quota) prunes, retries, then fails with CHECKPOINT_QUOTA_EXCEEDED', async () => {
    // A Storage Bucket has its own quota, enforced by Chromium for real. (Lowering the origin's
    // quota through DevTools is not reliable: IndexedDB caches the quota it saw first.) The store
    // opens the global `indexedDB`, so this window's is pointed at the bucket's while it opens.
    const bucket = await navigator.storageBuckets.open(`rivulet-quota-${nextDatabase++}`, { quota: 100_000 });
    cleanups.push(() => navigator.storageBuckets.delete(bucket.name));
    const logger = recordingLogger();
    const store = new IndexedDbCheckpointStore('quota', { logger });
    cleanups.push(() => store.close());
    await withIndexedDb(bucket.indexedDB, async () => {
      await store.write(1000, parts({ state: statePart(10) }));
      await store.write(2000, parts({ state: statePart(10, 1) }));
    });
    const error = await store.write(3000, parts({ state: statePart(20_000) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('CHECKPOINT_QUOTA_EXCEEDED');
    expect(((error as CheckpointError).cause as DOMException).name).toBe('QuotaExceededError');
    expect(logger.warnings).toEqual([expect.stringMatching(/quota exceeded writing checkpoint-3000/)]);
    // Never a partial checkpoint: the newest earlier one is still whole.
    expect((await store.readLatest())?.parts.get('state')).toBe(statePart(10, 1));
    expect((await store.list()).map((c) => [c.time, c.valid])).toEqual([[2000, true]]);
  });

  it("the browser entry's platform opens `<name>:checkpoint` for ssc.checkpoint(name)", async () => {
    const store = currentPlatform().checkpointStore('my-app', recordingLogger());
    expect(store).toBeInstanceOf(IndexedDbCheckpointStore);
    expect(store.name).toBe('indexeddb:my-app:checkpoint');
    await store.close();
  });
});
