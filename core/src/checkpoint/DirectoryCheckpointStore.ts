import type { Logger } from '../util/Logger.js';
import { Mutex } from '../util/Mutex.js';
import type {
  CheckpointStore,
  CheckpointStoreOptions,
  CheckpointStoreUsage,
  CheckpointSummary,
  StoredCheckpoint,
} from './CheckpointStore.js';
import { isContentHash, sha256Hex } from './contentHash.js';
import { DirectoryRecords } from './DirectoryRecords.js';
import { DirectoryWriteAheadLog } from './DirectoryWriteAheadLog.js';
import type { DurableDirectory } from './DurableDirectory.js';
import type { DurableRecords } from './DurableRecords.js';
import { decodeFrame, encodeFrame } from './frame.js';
import { latestValid, type LoadedCheckpoint } from './latestValid.js';
import { manifestText, parseManifest, type Manifest } from './Manifest.js';
import { PartHashCache, type AddressedPart } from './PartHashCache.js';
import { checkTime, resolveStoreOptions } from './storeOptions.js';
import { utf8Decode, utf8Encode } from './utf8.js';
import type { WriteAheadLog } from './WriteAheadLog.js';

/**
 * A checkpoint store in a directory of files, over a `DurableDirectory` (Spark: the checkpoint
 * directory of `CheckpointWriter`, which also keeps the newest 10 `checkpoint-<time>` files).
 *
 *   <directory>/
 *     checkpoint-<time>      manifest (framed JSON, see Manifest.ts), written last: its atomic
 *                            rename is what makes the checkpoint exist
 *     content/<sha-256>      one part's UTF-8 bytes, shared by every checkpoint that has them
 *     wal/log-<start>-<end>  write-ahead-log segments (DirectoryWriteAheadLog)
 *     records/<sha-256>      durable records, one per key (DirectoryRecords)
 *
 * Every file is written to a temporary file, fsynced and renamed, so a crash leaves an old file,
 * a new one or a temporary one that nobody reads. Anything else in the directory is ignored;
 * names of the form `checkpoint-<digits>` are listed (as invalid when they do not verify).
 * One writer per directory: there is no lock between processes.
 */
export class DirectoryCheckpointStore implements CheckpointStore {
  readonly name: string;
  readonly writeAheadLog: WriteAheadLog;
  readonly records: DurableRecords;
  private readonly log: DirectoryWriteAheadLog;
  private readonly recordFiles: DirectoryRecords;
  private readonly retain: number;
  private readonly logger: Logger;
  private readonly mutex = new Mutex();
  /** Contents this instance wrote or verified (hash → bytes), so a shared part is not rewritten. */
  private readonly knownContents = new Map<string, number>();
  /** The previous write's part hashes, so a part handed over again unchanged is not hashed again. */
  private readonly partHashes = new PartHashCache();
  private hasSwept = false;

  constructor(
    private readonly directory: DurableDirectory,
    options?: CheckpointStoreOptions,
  ) {
    const { retain, writeAheadLogWindowMs, logger } = resolveStoreOptions(options);
    this.name = directory.location;
    this.retain = retain;
    this.logger = logger;
    this.writeAheadLog = this.log = new DirectoryWriteAheadLog(directory, writeAheadLogWindowMs, logger);
    this.records = this.recordFiles = new DirectoryRecords(directory, logger);
  }

  // ---- CheckpointStore ----

  async write(time: number, parts: ReadonlyMap<string, string>): Promise<void> {
    checkTime(time, `Checkpoint store ${this.name}`);
    const addressed = await this.partHashes.address(parts);
    const manifest: Manifest = { time, parts: addressed.map(({ name, hash, byteLength }) => ({ name, hash, bytes: byteLength })) };
    await this.mutex.run(async () => {
      const distinct = new Map(addressed.map((part) => [part.hash, part]));
      await Promise.all([...distinct.values()].map((part) => this.storeContent(part)));
      await this.directory.writeAtomic(manifestPath(time), encodeFrame(utf8Encode(manifestText(manifest))));
      await this.collectGarbage();
    });
  }

  readLatest(): Promise<StoredCheckpoint | undefined> {
    return this.mutex.run(async () =>
      latestValid(this.name, await this.checkpointTimes(), (time) => this.load(time), this.logger),
    );
  }

  list(): Promise<CheckpointSummary[]> {
    return this.mutex.run(async () => {
      const verified = new Map<string, string | undefined>(); // contents shared between checkpoints are verified once
      const summaries: CheckpointSummary[] = [];
      for (const time of await this.checkpointTimes()) {
        const manifest = await this.readManifest(time);
        if (typeof manifest === 'string') {
          summaries.push({ time, bytes: 0, parts: [], valid: false, problem: manifest });
          continue;
        }
        const problem = await this.partsProblem(manifest, verified);
        const bytes = manifest.parts.reduce((sum, part) => sum + part.bytes, 0);
        const parts = manifest.parts.map((part) => part.name);
        summaries.push(problem === undefined ? { time, bytes, parts, valid: true } : { time, bytes, parts, valid: false, problem });
      }
      return summaries;
    });
  }

  delete(time: number): Promise<void> {
    return this.mutex.run(async () => {
      await this.directory.remove(manifestPath(time));
      await this.collectGarbage();
    });
  }

  usage(): Promise<CheckpointStoreUsage> {
    return this.mutex.run(async () => {
      const sizes = await Promise.all((await this.contentHashes()).map((hash) => this.directory.size(contentPath(hash))));
      return { contents: sizes.length, contentBytes: sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0) };
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.mutex.run(async () => undefined), this.log.idle(), this.recordFiles.idle()]);
    this.partHashes.clear();
    await this.directory.close();
  }

  // ---- Reading ----

  /** The times of the `checkpoint-<time>` files, newest first. */
  private async checkpointTimes(): Promise<number[]> {
    const times: number[] = [];
    for (const name of await this.directory.list('')) {
      const match = /^checkpoint-(0|[1-9]\d*)$/.exec(name);
      if (match && Number.isSafeInteger(Number(match[1]))) times.push(Number(match[1]));
    }
    return times.sort((a, b) => b - a);
  }

  private async readManifest(time: number): Promise<Manifest | string> {
    const bytes = await this.directory.read(manifestPath(time)).catch((error: unknown) => String(error));
    if (bytes === undefined) return 'the manifest disappeared while reading';
    if (typeof bytes === 'string') return `the manifest cannot be read (${bytes})`;
    const frame = decodeFrame(bytes);
    if (!frame.ok) return `the manifest is damaged (${frame.problem})`;
    if (frame.end !== bytes.length) return `the manifest has ${bytes.length - frame.end} stray bytes after it`;
    const manifest = parseManifest(utf8Decode(frame.payload), time);
    return typeof manifest === 'string' ? `the ${manifest}` : manifest;
  }

  /** Reads checkpoint `time` and verifies each part's length and SHA-256. */
  private async load(time: number): Promise<LoadedCheckpoint> {
    const manifest = await this.readManifest(time);
    if (typeof manifest === 'string') return { problem: manifest };
    const parts = new Map<string, string>();
    for (const part of manifest.parts) {
      const bytes = await this.directory.read(contentPath(part.hash)).catch(() => undefined);
      const problem = await contentProblem(bytes, part.hash, part.bytes);
      if (problem !== undefined) return { problem: `part '${part.name}' ${problem}` };
      this.knownContents.set(part.hash, part.bytes);
      parts.set(part.name, utf8Decode(bytes!));
    }
    return { time, parts };
  }

  /** Why a part of `manifest` does not verify, or `undefined`; `verified` remembers each content's result across calls. */
  private async partsProblem(manifest: Manifest, verified: Map<string, string | undefined>): Promise<string | undefined> {
    for (const part of manifest.parts) {
      if (!verified.has(part.hash)) {
        const bytes = await this.directory.read(contentPath(part.hash)).catch(() => undefined);
        verified.set(part.hash, await contentProblem(bytes, part.hash, part.bytes));
      }
      const problem = verified.get(part.hash);
      if (problem !== undefined) return `part '${part.name}' ${problem}`;
    }
    return undefined;
  }

  // ---- Writing ----

  /**
   * Writes one content unless a good copy is already there. A part whose hash was remembered comes
   * without bytes; it is encoded again only if its content has gone (deleted with its checkpoints).
   */
  private async storeContent({ hash, byteLength, content, bytes }: AddressedPart): Promise<void> {
    if (this.knownContents.get(hash) === byteLength) return;
    const path = contentPath(hash);
    if ((await this.directory.size(path)) === byteLength) {
      const problem = await contentProblem(await this.directory.read(path), hash, byteLength);
      if (problem === undefined) return void this.knownContents.set(hash, byteLength);
    }
    await this.directory.writeAtomic(path, bytes ?? utf8Encode(content));
    this.knownContents.set(hash, byteLength);
  }

  /** Deletes checkpoints past the newest `retain`, then contents no remaining manifest names (and, once, crash leftovers). */
  private async collectGarbage(): Promise<void> {
    const times = await this.checkpointTimes();
    await Promise.all(times.slice(this.retain).map((time) => this.directory.remove(manifestPath(time))));
    const referenced = new Set<string>();
    for (const time of times.slice(0, this.retain)) {
      const manifest = await this.readManifest(time);
      if (typeof manifest !== 'string') for (const part of manifest.parts) referenced.add(part.hash);
    }
    const unreferenced = (await this.contentHashes()).filter((hash) => !referenced.has(hash));
    for (const hash of unreferenced) this.knownContents.delete(hash);
    await Promise.all(unreferenced.map((hash) => this.directory.remove(contentPath(hash))));
    if (!this.hasSwept) {
      this.hasSwept = true;
      await Promise.all(['', 'content', 'records'].map((folder) => this.directory.removeTemporaries(folder)));
    }
  }

  private async contentHashes(): Promise<string[]> {
    return (await this.directory.list('content')).filter(isContentHash);
  }
}

const manifestPath = (time: number): string => `checkpoint-${time}`;
const contentPath = (hash: string): string => `content/${hash}`;

/** Why `bytes` are not the content `hash` of `length` bytes, or `undefined` when they are. */
async function contentProblem(bytes: Uint8Array | undefined, hash: string, length: number): Promise<string | undefined> {
  if (bytes === undefined) return `is missing (content ${hash.slice(0, 12)}…)`;
  if (bytes.length !== length) return `has ${bytes.length} bytes, its manifest says ${length} (truncated or replaced)`;
  if ((await sha256Hex(bytes)) !== hash) return 'fails its SHA-256 checksum (altered bytes)';
  return undefined;
}
