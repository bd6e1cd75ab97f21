import type {
  CheckpointStore,
  CheckpointStoreOptions,
  CheckpointStoreUsage,
  CheckpointSummary,
  StoredCheckpoint,
} from '../../checkpoint/CheckpointStore.js';
import { sha256Hex } from '../../checkpoint/contentHash.js';
import { crc32 } from '../../checkpoint/crc32.js';
import type { DurableRecords } from '../../checkpoint/DurableRecords.js';
import { latestValid, type LoadedCheckpoint } from '../../checkpoint/latestValid.js';
import { manifestText, parseManifest, type Manifest } from '../../checkpoint/Manifest.js';
import { PartHashCache, type AddressedPart } from '../../checkpoint/PartHashCache.js';
import { checkTime, resolveStoreOptions } from '../../checkpoint/storeOptions.js';
import { utf8Encode } from '../../checkpoint/utf8.js';
import type { WriteAheadLog } from '../../checkpoint/WriteAheadLog.js';
import { CheckpointError, messageOf } from '../../errors.js';
import type { Logger } from '../../util/Logger.js';
import { Mutex } from '../../util/Mutex.js';
import { CheckpointDatabase, type CheckpointTransaction } from './CheckpointDatabase.js';
import { IndexedDbRecords } from './IndexedDbRecords.js';
import { IndexedDbWriteAheadLog } from './IndexedDbWriteAheadLog.js';

/**
 * A checkpoint store in one IndexedDB database (through `idb`); what `ssc.checkpoint(name)` uses
 * in browsers and Web Workers, in the database `<name>:checkpoint`. Each checkpoint is one
 * transaction that adds the contents not yet stored and then the manifest, so it is all there or
 * not at all; reading verifies the manifest's CRC-32 and each part's length and SHA-256 anyway.
 * When the browser's quota is exceeded, the store drops every checkpoint but the newest and tries
 * once more, then fails with `CHECKPOINT_QUOTA_EXCEEDED`. One writer per database across tabs and
 * workers (a Web Lock, taken on the first change and held until `close()`); another writer gets
 * `CHECKPOINT_LOCKED`, while readers (`readLatest`, `list`) need no lock.
 */
export class IndexedDbCheckpointStore implements CheckpointStore {
  readonly name: string;
  readonly writeAheadLog: WriteAheadLog;
  readonly records: DurableRecords;
  private readonly log: IndexedDbWriteAheadLog;
  private readonly recordStore: IndexedDbRecords;
  private readonly database: CheckpointDatabase;
  private readonly retain: number;
  private readonly logger: Logger;
  private readonly mutex = new Mutex();
  /** The previous write's part hashes, so a part handed over again unchanged is not hashed again. */
  private readonly partHashes = new PartHashCache();

  constructor(
    readonly databaseName: string,
    options?: CheckpointStoreOptions,
  ) {
    const { retain, writeAheadLogWindowMs, logger } = resolveStoreOptions(options);
    this.name = `indexeddb:${databaseName}`;
    this.retain = retain;
    this.logger = logger;
    this.database = new CheckpointDatabase(databaseName);
    this.writeAheadLog = this.log = new IndexedDbWriteAheadLog(this.database, writeAheadLogWindowMs, logger);
    this.records = this.recordStore = new IndexedDbRecords(this.database);
  }

  // ---- CheckpointStore ----

  async write(time: number, parts: ReadonlyMap<string, string>): Promise<void> {
    checkTime(time, `Checkpoint store ${this.name}`);
    // Hashing awaits crypto.subtle, which would end a transaction: it happens before.
    const addressed = await this.partHashes.address(parts);
    const text = manifestText({ time, parts: addressed.map(({ name, hash, byteLength }) => ({ name, hash, bytes: byteLength })) });
    const contents = [...new Map(addressed.map((part) => [part.hash, part])).values()];
    await this.mutex.run(async () => {
      try {
        await this.putCheckpoint(time, text, contents);
      } catch (error) {
        if (!isQuotaExceeded(error)) throw error;
        this.logger.warn(`Checkpoint store ${this.name}: storage quota exceeded writing checkpoint-${time}; keeping only the newest checkpoint and trying once more.`);
        await this.collectGarbage(1);
        await this.putCheckpoint(time, text, contents).catch((again: unknown) => {
          if (!isQuotaExceeded(again)) throw again;
          throw new CheckpointError(
            'CHECKPOINT_QUOTA_EXCEEDED',
            `Checkpoint store ${this.name}: the browser refused checkpoint-${time} (${bytesOf(contents)} bytes) even after older checkpoints were pruned: ` +
              `${messageOf(again)}. Free storage for this site, checkpoint less state (a longer checkpoint interval, smaller windows), or ask for persistent storage (navigator.storage.persist()).`,
            { cause: again },
          );
        });
      }
    });
  }

  readLatest(): Promise<StoredCheckpoint | undefined> {
    return this.mutex.run(async () => latestValid(this.name, await this.times(), (time) => this.load(time), this.logger));
  }

  list(): Promise<CheckpointSummary[]> {
    return this.mutex.run(async () => {
      const summaries: CheckpointSummary[] = [];
      const verified = new Map<string, string | undefined>(); // contents shared between checkpoints are hashed once
      for (const time of await this.times()) {
        const stored = await this.database.transact(['manifests'], 'readonly', (tx) => tx.objectStore('manifests').get(time));
        const manifest = readManifest(time, stored);
        if (typeof manifest === 'string') {
          summaries.push({ time, bytes: 0, parts: [], valid: false, problem: manifest });
          continue;
        }
        const loaded = await this.load(time, verified);
        const [bytes, names] = [manifest.parts.reduce((sum, part) => sum + part.bytes, 0), manifest.parts.map((part) => part.name)];
        summaries.push('problem' in loaded ? { time, bytes, parts: names, valid: false, problem: loaded.problem } : { time, bytes, parts: names, valid: true });
      }
      return summaries;
    });
  }

  delete(time: number): Promise<void> {
    return this.mutex.run(() =>
      this.database.transact(['manifests', 'contents'], 'readwrite', async (tx) => {
        await tx.objectStore('manifests').delete(time);
        await dropOld(tx, this.retain);
      }),
    );
  }

  usage(): Promise<CheckpointStoreUsage> {
    return this.mutex.run(() =>
      this.database.transact(['contents'], 'readonly', async (tx) => {
        // A key cursor on the `bytes` index reads sizes without loading the contents.
        let [contents, contentBytes] = [0, 0];
        for (let cursor = await tx.objectStore('contents').index('bytes').openKeyCursor(); cursor; cursor = await cursor.continue()) {
          contents++;
          contentBytes += cursor.key;
        }
        return { contents, contentBytes };
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.mutex.run(async () => undefined), this.log.idle(), this.recordStore.idle()]);
    this.partHashes.clear();
    await this.database.close();
  }

  private async times(): Promise<number[]> {
    const times = await this.database.transact(['manifests'], 'readonly', (tx) => tx.objectStore('manifests').getAllKeys());
    return times.sort((a, b) => b - a);
  }

  /**
   * Reads checkpoint `time` in one transaction, then verifies each part's length and SHA-256;
   * `verified` remembers each content's problem (or `undefined`) across calls.
   */
  private async load(time: number, verified = new Map<string, string | undefined>()): Promise<LoadedCheckpoint> {
    const read = await this.database.transact(['manifests', 'contents'], 'readonly', async (tx) => {
      const manifest = readManifest(time, await tx.objectStore('manifests').get(time));
      if (typeof manifest === 'string') return manifest;
      return { manifest, contents: await Promise.all(manifest.parts.map((part) => tx.objectStore('contents').get(part.hash))) };
    });
    if (typeof read === 'string') return { problem: read };
    const parts = new Map<string, string>();
    for (const [i, part] of read.manifest.parts.entries()) {
      const content = read.contents[i];
      if (!verified.has(part.hash)) verified.set(part.hash, await contentProblem(content?.data, part.hash, part.bytes));
      const problem = verified.get(part.hash);
      if (problem !== undefined) return { problem: `part '${part.name}' ${problem}` };
      parts.set(part.name, content!.data);
    }
    return { time, parts };
  }

  /**
   * One transaction: the contents not stored yet, then the manifest, then retention (so the
   * commit, durable and the slow part, happens once). Nothing is written if any request fails.
   */
  private putCheckpoint(time: number, text: string, contents: readonly AddressedPart[]): Promise<void> {
    return this.database.transact(['manifests', 'contents'], 'readwrite', async (tx) => {
      const store = tx.objectStore('contents');
      for (const { hash, byteLength, content } of contents) {
        if ((await store.getKey(hash)) === undefined) await store.put({ data: content, bytes: byteLength }, hash);
      }
      await tx.objectStore('manifests').put({ text, crc: crc32(utf8Encode(text)) }, time);
      await dropOld(tx, this.retain);
    });
  }

  private collectGarbage(retain: number): Promise<void> {
    return this.database.transact(['manifests', 'contents'], 'readwrite', (tx) => dropOld(tx, retain));
  }
}

/** Deletes checkpoints past the newest `retain`, then contents no remaining manifest names. */
async function dropOld(tx: CheckpointTransaction<['manifests', 'contents'], 'readwrite'>, retain: number): Promise<void> {
  const [manifests, contents] = [tx.objectStore('manifests'), tx.objectStore('contents')];
  const times = (await manifests.getAllKeys()).sort((a, b) => b - a);
  const kept = await Promise.all(times.slice(0, retain).map(async (time) => readManifest(time, await manifests.get(time))));
  const referenced = new Set(kept.flatMap((m) => (typeof m === 'string' ? [] : m.parts.map((part) => part.hash))));
  const unreferenced = (await contents.getAllKeys()).filter((hash) => !referenced.has(hash));
  await Promise.all([...times.slice(retain).map((time) => manifests.delete(time)), ...unreferenced.map((hash) => contents.delete(hash))]);
}

/** Why `data` is not the content `hash` of `length` UTF-8 bytes, or `undefined` when it is. */
async function contentProblem(data: string | undefined, hash: string, length: number): Promise<string | undefined> {
  if (typeof data !== 'string') return `is missing (content ${hash.slice(0, 12)}…)`;
  const bytes = utf8Encode(data);
  if (bytes.length !== length) return `has ${bytes.length} bytes, its manifest says ${length} (truncated or replaced)`;
  if ((await sha256Hex(bytes)) !== hash) return 'fails its SHA-256 checksum (altered data)';
  return undefined;
}

/** The manifest stored for `time`, checked, or what is wrong with it. */
function readManifest(time: number, stored: { text: string; crc: number } | undefined): Manifest | string {
  if (!stored) return 'the manifest disappeared while reading';
  if (typeof stored.text !== 'string' || crc32(utf8Encode(stored.text)) !== stored.crc) return 'the manifest is damaged (checksum mismatch)';
  const manifest = parseManifest(stored.text, time);
  return typeof manifest === 'string' ? `the ${manifest}` : manifest;
}

/** Whether `error` is the browser saying the origin's storage quota is used up. */
function isQuotaExceeded(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'QuotaExceededError';
}

const bytesOf = (contents: readonly AddressedPart[]): number => contents.reduce((sum, c) => sum + c.byteLength, 0);
