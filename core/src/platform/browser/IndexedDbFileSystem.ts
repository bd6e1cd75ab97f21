import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { RivuletError } from '../../errors.js';
import { pathSegments, type FileSystem } from '../FileSystem.js';

type Entry = { readonly kind: 'dir' } | { readonly kind: 'file'; readonly data: string };
type Store = IDBPObjectStore<Schema, ['entries'], 'entries', 'readwrite'>;
interface Schema extends DBSchema {
  entries: { key: string; value: Entry };
}

/**
 * A file system in one IndexedDB database (through `idb`), opened on first use: one record per
 * file or directory, keyed by its normalized path (`out-1000/part-00000`; the root is implicit).
 * Every change is one transaction, so `writeFile`, `remove` and `rename` are atomic.
 */
export class IndexedDbFileSystem implements FileSystem {
  private opened: Promise<IDBPDatabase<Schema>> | undefined;

  constructor(readonly databaseName = 'rivulet') {}

  writeFile(path: string, data: string): Promise<void> {
    return this.update(async (store) => {
      await ensureDirs(store, pathSegments(path).slice(0, -1));
      if ((await store.get(key(path)))?.kind === 'dir') throw new RivuletError('INVALID_ARGUMENT', `${path} is a directory.`);
      await store.put({ kind: 'file', data }, key(path));
    });
  }

  async readFile(path: string): Promise<string> {
    const entry = await (await this.db).get('entries', key(path));
    if (entry?.kind === 'file') return entry.data;
    throw new RivuletError('FILE_NOT_FOUND', `${path} is not a file in IndexedDB '${this.databaseName}'.`);
  }

  mkdirs(path: string): Promise<void> {
    return this.update((store) => ensureDirs(store, pathSegments(path)));
  }

  async list(path: string): Promise<string[]> {
    const [db, k] = [await this.db, key(path)];
    if (k !== '' && (await db.get('entries', k))?.kind !== 'dir') {
      throw new RivuletError('FILE_NOT_FOUND', `${path} is not a directory in IndexedDB '${this.databaseName}'.`);
    }
    const names = (await db.getAllKeys('entries', k === '' ? undefined : under(k))).map((c) => (k ? c.slice(k.length + 1) : c));
    return names.filter((name) => !name.includes('/'));
  }

  async exists(path: string): Promise<boolean> {
    return key(path) === '' || (await (await this.db).getKey('entries', key(path))) !== undefined;
  }

  remove(path: string): Promise<void> {
    const k = key(path);
    return this.update((store) => (k === '' ? store.clear() : Promise.all([store.delete(k), store.delete(under(k))])));
  }

  rename(from: string, to: string): Promise<void> {
    const [source, target] = [key(from), key(to)];
    return this.update(async (store) => {
      const entry = await store.get(source);
      if (!entry) throw new RivuletError('FILE_NOT_FOUND', `${from} does not exist in IndexedDB '${this.databaseName}'.`);
      const [childKeys, children] = await Promise.all([store.getAllKeys(under(source)), store.getAll(under(source))]);
      await Promise.all([source, under(source), target, under(target)].map((k) => store.delete(k)));
      await ensureDirs(store, pathSegments(to).slice(0, -1));
      const moves = children.map((child, i) => store.put(child, target + childKeys[i]!.slice(source.length)));
      await Promise.all([store.put(entry, target), ...moves]);
    });
  }

  /** Closes the connection (so the database can be deleted); a later call opens it again. */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) (await opened).close();
  }

  /** The connection, opened on first use; it closes itself when another tab or test deletes the database. */
  private get db(): Promise<IDBPDatabase<Schema>> {
    return (this.opened ??= openDB<Schema>(this.databaseName, 1, {
      upgrade: (db) => void db.createObjectStore('entries'),
      blocking: () => void this.close(),
    }));
  }

  /** Runs `body` in one read-write transaction, aborted (nothing written) if it fails. */
  private async update(body: (store: Store) => Promise<unknown>): Promise<void> {
    const tx = (await this.db).transaction('entries', 'readwrite');
    await body(tx.store).catch(async (error: unknown) => {
      try {
        tx.abort();
      } catch {
        // already aborted by the request that failed
      }
      await tx.done.catch(() => undefined);
      throw error;
    });
    await tx.done;
  }
}

const key = (path: string): string => pathSegments(path).join('/');

/** The keys strictly under directory `k` (`'/'` is followed by `'0'` in code-unit order). */
const under = (k: string): IDBKeyRange => IDBKeyRange.bound(`${k}/`, `${k}0`, false, true);

/** Adds a directory record for each prefix of `segments` that has none. */
async function ensureDirs(store: Store, segments: string[]): Promise<void> {
  for (let i = 1; i <= segments.length; i++) {
    const dir = segments.slice(0, i).join('/');
    const entry = await store.get(dir);
    if (entry?.kind === 'file') throw new RivuletError('INVALID_ARGUMENT', `${dir} is a file, not a directory.`);
    if (!entry) await store.put({ kind: 'dir' }, dir);
  }
}
