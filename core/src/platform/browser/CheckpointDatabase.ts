import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { CheckpointError } from '../../errors.js';
import { tryWriterLock, type WriterLock } from './writerLock.js';

/**
 * The IndexedDB database of one `IndexedDbCheckpointStore`: four object stores, opened on first
 * use, and the writer lock, taken on the first change and held until `close()`.
 *
 *   manifests  time → { text, crc }                  manifest JSON (Manifest.ts) and its CRC-32
 *   contents   sha-256 → { data, bytes }             part contents; index `bytes` for usage()
 *   wal        [start, end, seq] → { time, record, bytes, crc }   log records, per window
 *   records    key → value                          durable records
 */
export interface CheckpointSchema extends DBSchema {
  manifests: { key: number; value: { readonly text: string; readonly crc: number } };
  contents: { key: string; value: { readonly data: string; readonly bytes: number }; indexes: { bytes: number } };
  wal: { key: [number, number, number]; value: { readonly time: number; readonly record: string; readonly bytes: number; readonly crc: number } };
  records: { key: string; value: string };
}

type Stores = StoreNames<CheckpointSchema>[];
export type CheckpointTransaction<S extends Stores, M extends IDBTransactionMode> = IDBPTransaction<CheckpointSchema, S, M>;

export class CheckpointDatabase {
  private opened: Promise<IDBPDatabase<CheckpointSchema>> | undefined;
  private lock: Promise<WriterLock | undefined> | undefined;

  constructor(readonly name: string) {}

  /** The connection, opened on first use; it closes itself when another connection deletes or upgrades the database. */
  private get db(): Promise<IDBPDatabase<CheckpointSchema>> {
    return (this.opened ??= openDB<CheckpointSchema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('manifests');
        db.createObjectStore('contents').createIndex('bytes', 'bytes');
        db.createObjectStore('wal');
        db.createObjectStore('records');
      },
      blocking: () => void this.closeConnection(),
    }));
  }

  /** The connection, once this store holds the writer lock; throws `CHECKPOINT_LOCKED` when another writer does. */
  private async writable(): Promise<IDBPDatabase<CheckpointSchema>> {
    const lock = await (this.lock ??= tryWriterLock(`rivulet-checkpoint:${this.name}`));
    if (!lock) {
      this.lock = undefined; // ask again next time: the other writer may have closed by then
      throw new CheckpointError(
        'CHECKPOINT_LOCKED',
        `IndexedDB checkpoint store '${this.name}' is being written by another tab, worker or store object ` +
          `(it holds the Web Lock 'rivulet-checkpoint:${this.name}'); stop that streaming context or close its store, or checkpoint under another name.`,
      );
    }
    return this.db;
  }

  /**
   * Runs `body` in one transaction and settles once the transaction has: completed (so `close()`
   * never leaves one running) or aborted, nothing written, when `body` or the commit fails.
   * `readwrite` needs the writer lock and is durable when it completes. `body` must not await
   * anything but the transaction's requests.
   */
  async transact<S extends Stores, M extends IDBTransactionMode, T>(
    stores: S,
    mode: M,
    body: (tx: CheckpointTransaction<S, M>) => Promise<T>,
  ): Promise<T> {
    const db = mode === 'readwrite' ? await this.writable() : await this.db;
    // 'strict': the commit waits for the data to reach disk, as the Node store's fsync does (Chromium's default is 'relaxed').
    const tx = db.transaction(stores, mode, mode === 'readwrite' ? { durability: 'strict' } : {});
    let result: T;
    try {
      result = await body(tx);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already aborted by the request that failed
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
    await tx.done;
    return result;
  }

  /** Releases the writer lock and closes the connection; a later call opens them again. */
  async close(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    (await lock)?.release();
    await this.closeConnection();
  }

  private async closeConnection(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) (await opened).close();
  }
}
