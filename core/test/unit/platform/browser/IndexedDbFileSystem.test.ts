/** `IndexedDbFileSystem` against the FileSystem contract, on fake-indexeddb in Node. */
import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { IndexedDbFileSystem } from '../../../../src/platform/browser/IndexedDbFileSystem.js';
import { describeFileSystemContract } from '../fileSystemContract.js';

let nextDatabase = 0;

describeFileSystemContract('IndexedDbFileSystem', async () => {
  const fs = new IndexedDbFileSystem(`rivulet-contract-${nextDatabase++}`);
  return {
    fs,
    root: '',
    dispose: async () => {
      await fs.close();
      await deleteDB(fs.databaseName);
    },
  };
});

describe('IndexedDbFileSystem', () => {
  it("uses the database 'rivulet' by default", () => {
    expect(new IndexedDbFileSystem().databaseName).toBe('rivulet');
  });

  it('keeps its files in its database, apart from other databases', async () => {
    const a = new IndexedDbFileSystem('rivulet-a');
    const b = new IndexedDbFileSystem('rivulet-b');
    await a.writeFile('out/part-00000', 'in a');
    expect(await b.exists('out/part-00000')).toBe(false);
    // A second instance on the same database sees the same files.
    const a2 = new IndexedDbFileSystem('rivulet-a');
    expect(await a2.readFile('/out/part-00000')).toBe('in a');
    for (const fs of [a, b, a2]) await fs.close();
    await Promise.all(['rivulet-a', 'rivulet-b'].map((name) => deleteDB(name)));
  });

  it('writes nothing when a change fails half way', async () => {
    const fs = new IndexedDbFileSystem('rivulet-atomic');
    await fs.mkdirs('ready');
    // A directory record without its parent, which no FileSystem call makes: writing a file over
    // it first adds the parent 'orphan', then fails; the transaction must drop that parent too.
    const db = await openDB('rivulet-atomic', 1);
    await db.put('entries', { kind: 'dir' }, 'orphan/dir');
    db.close();
    await expect(fs.writeFile('orphan/dir', 'x')).rejects.toThrow('is a directory');
    expect(await fs.exists('orphan')).toBe(false);
    expect(await fs.list('')).toEqual(['ready']);
    await fs.close();
    await deleteDB('rivulet-atomic');
  });

  it('closes its connection when the database is deleted elsewhere', async () => {
    const fs = new IndexedDbFileSystem('rivulet-deleted');
    await fs.writeFile('a', 'a');
    let blocked = false;
    await deleteDB('rivulet-deleted', { blocked: () => void (blocked = true) });
    expect(blocked).toBe(false);
    expect(await fs.exists('a')).toBe(false); // a fresh, empty database
    await fs.close();
    await deleteDB('rivulet-deleted');
  });

  it('releases its database connection on close', async () => {
    const fs = new IndexedDbFileSystem('rivulet-release');
    await fs.writeFile('a', 'a');
    await fs.close();
    let blocked = false;
    await deleteDB('rivulet-release', { blocked: () => void (blocked = true) });
    expect(blocked).toBe(false);
    // A closed instance opens the database again when used.
    expect(await fs.exists('a')).toBe(false);
    await fs.close();
    await deleteDB('rivulet-release');
  });
});
