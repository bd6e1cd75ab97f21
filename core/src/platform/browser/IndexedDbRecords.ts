import type { DurableRecords } from '../../checkpoint/DurableRecords.js';
import { Mutex } from '../../util/Mutex.js';
import type { CheckpointDatabase } from './CheckpointDatabase.js';

/** Durable records in the `records` object store, one per key; each change is one transaction, applied in call order. */
export class IndexedDbRecords implements DurableRecords {
  private readonly mutex = new Mutex();

  constructor(private readonly database: CheckpointDatabase) {}

  get(key: string): Promise<string | undefined> {
    return this.mutex.run(() => this.database.transact(['records'], 'readonly', (tx) => tx.objectStore('records').get(key)));
  }

  put(key: string, value: string): Promise<void> {
    return this.mutex.run(() => this.database.transact(['records'], 'readwrite', async (tx) => void (await tx.objectStore('records').put(value, key))));
  }

  delete(key: string): Promise<void> {
    return this.mutex.run(() => this.database.transact(['records'], 'readwrite', (tx) => tx.objectStore('records').delete(key)));
  }

  keys(prefix = ''): Promise<string[]> {
    return this.mutex.run(async () => {
      const keys = await this.database.transact(['records'], 'readonly', (tx) => tx.objectStore('records').getAllKeys(IDBKeyRange.lowerBound(prefix)));
      return keys.filter((key) => key.startsWith(prefix));
    });
  }

  /** @internal Settles once the operations issued so far have. */
  idle(): Promise<void> {
    return this.mutex.run(async () => undefined);
  }
}
