/**
 * `IndexedDbCheckpointStore` cases that run both on fake-indexeddb in Node and on real IndexedDB
 * in Chromium (same test names): the quota path, simulated by making `put` into `contents` throw
 * the browser's `QuotaExceededError`, and the one-writer lock.
 */
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../../src/errors.js';
import { IndexedDbCheckpointStore } from '../../../../src/platform/browser/IndexedDbCheckpointStore.js';
import { recordingLogger } from '../../checkpoint/checkpointStoreContract.js';

const parts = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));
let nextDatabase = 0;

/**
 * Makes `put` into the `contents` object store throw `QuotaExceededError` for data containing
 * `marker`, `times` times (every time without a count); returns the undo.
 */
export function failContentPuts(marker: string, times = Infinity): () => void {
  const original = IDBObjectStore.prototype.put;
  let left = times;
  IDBObjectStore.prototype.put = function put(this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const data = (value as { data?: unknown } | undefined)?.data;
    if (this.name === 'contents' && typeof data === 'string' && data.includes(marker) && left-- > 0) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return original.call(this, value, key);
  };
  return () => void (IDBObjectStore.prototype.put = original);
}

export function describeIndexedDbCheckpointStore(): void {
  describe('IndexedDbCheckpointStore', () => {
    const opened: IndexedDbCheckpointStore[] = [];
    const open = (name: string, logger = recordingLogger()): IndexedDbCheckpointStore => {
      const store = new IndexedDbCheckpointStore(name, { logger });
      opened.push(store);
      return store;
    };
    const freshName = (): string => `rivulet-checkpoint-cases-${nextDatabase++}-${Math.random().toString(36).slice(2)}`;
    let undo = (): void => {};

    afterEach(async () => {
      undo();
      for (const store of opened.splice(0)) await store.close();
    });

    it('on QuotaExceededError, prunes to the newest checkpoint and retries once', async () => {
      const logger = recordingLogger();
      const name = freshName();
      const store = open(name, logger);
      for (const time of [1000, 2000, 3000]) await store.write(time, parts({ own: `t${time}` }));
      undo = failContentPuts('BIG', 1);
      await store.write(4000, parts({ state: 'BIG state' }));
      expect((await store.list()).map((c) => c.time)).toEqual([4000, 3000]);
      expect((await store.readLatest())?.parts.get('state')).toBe('BIG state');
      expect(logger.warnings).toEqual([expect.stringMatching(/quota exceeded writing checkpoint-4000; keeping only the newest checkpoint/)]);
      await store.close();
      await deleteDB(name);
    });

    it('when the retry fails too, throws CHECKPOINT_QUOTA_EXCEEDED and writes no part of the checkpoint', async () => {
      const name = freshName();
      const store = open(name);
      await store.write(1000, parts({ own: 'one' }));
      await store.write(2000, parts({ own: 'two' }));
      undo = failContentPuts('BIG');
      // `small` would be stored before `huge` fails: the transaction must drop it too.
      const error = await store.write(3000, parts({ small: 'fits', huge: 'BIG state' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointError);
      expect((error as CheckpointError).code).toBe('CHECKPOINT_QUOTA_EXCEEDED');
      expect((error as CheckpointError).message).toMatch(/refused checkpoint-3000 .* even after older checkpoints were pruned/);
      expect((error as CheckpointError).cause).toMatchObject({ name: 'QuotaExceededError' });
      expect((await store.readLatest())?.time).toBe(2000);
      expect((await store.list()).map((c) => c.time)).toEqual([2000]);
      expect(await store.usage()).toEqual({ contents: 1, contentBytes: 3 });
      await store.close();
      await deleteDB(name);
    });

    it('a second writer on the same database gets CHECKPOINT_LOCKED; readers need no lock', async () => {
      const name = freshName();
      const [first, second] = [open(name), open(name)];
      await first.write(1000, parts({ a: 'x' }));
      const error = await second.write(2000, parts({ a: 'y' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointError);
      expect((error as CheckpointError).code).toBe('CHECKPOINT_LOCKED');
      expect((error as CheckpointError).message).toContain(`Web Lock 'rivulet-checkpoint:${name}'`);
      await expect(second.writeAheadLog.write('r', 1000)).rejects.toMatchObject({ code: 'CHECKPOINT_LOCKED' });
      await expect(second.records.put('k', 'v')).rejects.toMatchObject({ code: 'CHECKPOINT_LOCKED' });
      expect((await second.readLatest())?.time).toBe(1000);
      expect((await second.list()).map((c) => c.time)).toEqual([1000]);
      await first.close();
      await deleteDB(name);
    });

    it('releases its writer lock and connection on close, so another writer can open', async () => {
      const name = freshName();
      const [first, second] = [open(name), open(name)];
      await first.write(1000, parts({ a: 'x' }));
      await first.close();
      await second.write(2000, parts({ a: 'y' }));
      expect((await second.readLatest())?.time).toBe(2000);
      await second.close();
      // Both connections closed: deleting the database is not blocked.
      let blocked = false;
      await deleteDB(name, { blocked: () => void (blocked = true) });
      expect(blocked).toBe(false);
    });

    it('skips a checkpoint whose stored data was altered, with a warning', async () => {
      const logger = recordingLogger();
      const name = freshName();
      const store = open(name, logger);
      await store.write(1000, parts({ state: 'one' }));
      await store.write(2000, parts({ state: 'two' }));
      // Alter the data behind the store's back: one content's bytes, and one manifest's text.
      const db = await openDB(name);
      for (const key of await db.getAllKeys('contents')) {
        const value = await db.get('contents', key);
        if (value.data === 'two') await db.put('contents', { ...value, data: 'tw0' }, key);
      }
      const manifest = await db.get('manifests', 1000);
      await db.put('manifests', { ...manifest, text: manifest.text.replace('"time":1000', '"time":1001') }, 1000);
      db.close();
      await expect(store.readLatest()).rejects.toMatchObject({ code: 'CHECKPOINT_CORRUPT' });
      expect(logger.warnings).toEqual([
        expect.stringMatching(/skipping checkpoint-2000, part 'state' fails its SHA-256 checksum/),
        expect.stringMatching(/skipping checkpoint-1000, the manifest is damaged \(checksum mismatch\)/),
      ]);
      await store.close();
      await deleteDB(name);
    });
  });
}
