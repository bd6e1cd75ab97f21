import { crc32 } from '../../checkpoint/crc32.js';
import { checkTime } from '../../checkpoint/storeOptions.js';
import { utf8Encode } from '../../checkpoint/utf8.js';
import type { WriteAheadLog, WriteAheadLogRecordHandle } from '../../checkpoint/WriteAheadLog.js';
import { parseSegmentName, segmentFor } from '../../checkpoint/writeAheadLogSegment.js';
import { CheckpointError } from '../../errors.js';
import type { Logger } from '../../util/Logger.js';
import { Mutex } from '../../util/Mutex.js';
import type { CheckpointDatabase, CheckpointSchema } from './CheckpointDatabase.js';

type Stored = CheckpointSchema['wal']['value'];

/**
 * A write-ahead log in the `wal` object store, keyed `[start, end, seq]`: the time window of the
 * record's segment (see writeAheadLogSegment.ts) and its sequence number in that window, so key
 * order is log order. A handle's `offset` is the sequence number. Each write is one transaction,
 * durable when it completes (Spark: `FileBasedWriteAheadLog`, with records instead of files).
 */
export class IndexedDbWriteAheadLog implements WriteAheadLog {
  private readonly mutex = new Mutex();

  constructor(
    private readonly database: CheckpointDatabase,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {}

  async write(record: string, time: number): Promise<WriteAheadLogRecordHandle> {
    checkTime(time, `Write-ahead log in indexeddb:${this.database.name}`);
    const { name, start, end } = segmentFor(time, this.windowMs);
    const payload = utf8Encode(record);
    const stored: Stored = { time, record, bytes: payload.length, crc: crc32(payload) };
    return this.mutex.run(() =>
      this.database.transact(['wal'], 'readwrite', async (tx) => {
        const wal = tx.objectStore('wal');
        const last = await wal.openKeyCursor(IDBKeyRange.bound([start, end, 0], [start, end, Infinity]), 'prev');
        const seq = last ? last.key[2] + 1 : 0;
        await wal.put(stored, [start, end, seq]);
        return { segment: name, offset: seq, length: payload.length };
      }),
    );
  }

  read(handle: WriteAheadLogRecordHandle): Promise<string> {
    return this.mutex.run(async () => {
      const segment = parseSegmentName(handle.segment);
      // This log makes first incarnations only (no torn tails to step around, see writeAheadLogSegment.ts).
      const key: [number, number, number] | undefined = segment?.incarnation === 0 && Number.isSafeInteger(handle.offset) ? [segment.start, segment.end, handle.offset] : undefined;
      const stored = key && (await this.database.transact(['wal'], 'readonly', (tx) => tx.objectStore('wal').get(key)));
      if (!stored || stored.bytes !== handle.length) {
        throw new CheckpointError(
          'WRITE_AHEAD_LOG_RECORD_MISSING',
          `Write-ahead log in indexeddb:${this.database.name}: no record at ${String(handle.segment)}:${String(handle.offset)}; it was cleaned, or the handle is from another log.`,
        );
      }
      const problem = recordProblem(stored);
      if (problem) throw new CheckpointError('CHECKPOINT_CORRUPT', `Write-ahead log in indexeddb:${this.database.name}: the record at ${handle.segment}:${handle.offset} ${problem}; its data is lost.`);
      return stored.record;
    });
  }

  readAll(): Promise<{ handle: WriteAheadLogRecordHandle; record: string }[]> {
    return this.mutex.run(async () => {
      const [keys, values] = await this.database.transact(['wal'], 'readonly', (tx) =>
        Promise.all([tx.objectStore('wal').getAllKeys(), tx.objectStore('wal').getAll()]),
      );
      const records: { handle: WriteAheadLogRecordHandle; record: string }[] = [];
      for (const [i, [start, end, seq]] of keys.entries()) {
        const [stored, segment] = [values[i]!, `log-${start}-${end}`];
        const problem = recordProblem(stored);
        if (problem) this.logger.warn(`Write-ahead log in indexeddb:${this.database.name}: skipping the record at ${segment}:${seq}, which ${problem}.`);
        else records.push({ handle: { segment, offset: seq, length: stored.bytes }, record: stored.record });
      }
      return records;
    });
  }

  clean(threshTime: number): Promise<void> {
    return this.mutex.run(() =>
      this.database.transact(['wal'], 'readwrite', async (tx) => {
        // Keys sort by window start; of those starting before threshTime, the windows that also end by it go.
        const wal = tx.objectStore('wal');
        const candidates = await wal.getAllKeys(IDBKeyRange.upperBound([threshTime]));
        await Promise.all(candidates.filter(([, end]) => end <= threshTime).map((key) => wal.delete(key)));
      }),
    );
  }

  /** @internal Settles once the operations issued so far have. */
  idle(): Promise<void> {
    return this.mutex.run(async () => undefined);
  }
}

/** What is wrong with a stored record, or `undefined`. */
function recordProblem(stored: Stored): string | undefined {
  if (typeof stored?.record !== 'string') return 'is malformed';
  const bytes = utf8Encode(stored.record);
  return bytes.length !== stored.bytes || crc32(bytes) !== stored.crc ? 'fails its checksum (altered data)' : undefined;
}
