import { CheckpointError } from '../errors.js';
import type { Logger } from '../util/Logger.js';
import { Mutex } from '../util/Mutex.js';
import { isContentHash, sha256Hex } from './contentHash.js';
import type { DurableDirectory } from './DurableDirectory.js';
import type { DurableRecords } from './DurableRecords.js';
import { decodeFrame, encodeFrame } from './frame.js';
import { utf8Decode, utf8Encode } from './utf8.js';

/**
 * Durable records in `records/` of a `DurableDirectory`, one file per key, replaced atomically.
 * The file is named by the SHA-256 of the key (any key makes a safe, case-proof file name of
 * fixed length) and holds one frame (length + CRC-32) of the JSON `[key, value]`.
 */
export class DirectoryRecords implements DurableRecords {
  private readonly mutex = new Mutex();

  constructor(
    private readonly directory: DurableDirectory,
    private readonly logger: Logger,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const path = await recordPath(key);
    return this.mutex.run(async () => {
      const bytes = await this.directory.read(path);
      if (bytes === undefined) return undefined;
      const entry = decodeRecord(bytes);
      if (typeof entry === 'string' || entry[0] !== key) {
        throw new CheckpointError(
          'CHECKPOINT_CORRUPT',
          `Durable record '${key}' in ${this.directory.location} is damaged (${typeof entry === 'string' ? entry : 'it holds another key'}); delete it with records.delete('${key}').`,
        );
      }
      return entry[1];
    });
  }

  async put(key: string, value: string): Promise<void> {
    const [path, frame] = [await recordPath(key), encodeFrame(utf8Encode(JSON.stringify([key, value])))];
    return this.mutex.run(() => this.directory.writeAtomic(path, frame));
  }

  async delete(key: string): Promise<void> {
    const path = await recordPath(key);
    return this.mutex.run(() => this.directory.remove(path));
  }

  keys(prefix = ''): Promise<string[]> {
    return this.mutex.run(async () => {
      const keys: string[] = [];
      for (const name of (await this.directory.list('records')).filter(isContentHash)) {
        const bytes = await this.directory.read(`records/${name}`);
        const entry = bytes === undefined ? 'it disappeared' : decodeRecord(bytes);
        if (typeof entry === 'string') this.logger.warn(`Durable records in ${this.directory.location}: skipping records/${name}, ${entry}.`);
        else if (entry[0].startsWith(prefix)) keys.push(entry[0]);
      }
      return keys.sort();
    });
  }

  /** @internal Settles once the operations issued so far have. */
  idle(): Promise<void> {
    return this.mutex.run(async () => undefined);
  }
}

const recordPath = async (key: string): Promise<string> => `records/${await sha256Hex(utf8Encode(key))}`;

/** The `[key, value]` a record file holds, or what is wrong with it. */
function decodeRecord(bytes: Uint8Array): [string, string] | string {
  const frame = decodeFrame(bytes);
  if (!frame.ok) return frame.problem;
  if (frame.end !== bytes.length) return 'stray bytes after the record';
  try {
    const entry: unknown = JSON.parse(utf8Decode(frame.payload));
    if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'string') return [entry[0], entry[1]];
  } catch {
    // falls through to the problem below
  }
  return 'not a [key, value] pair';
}
