import { CheckpointError } from '../errors.js';
import type { Logger } from '../util/Logger.js';
import { Mutex } from '../util/Mutex.js';
import type { DurableDirectory } from './DurableDirectory.js';
import { decodeFrame, encodeFrame, FRAME_HEADER_BYTES } from './frame.js';
import { checkTime } from './storeOptions.js';
import { utf8Decode, utf8Encode } from './utf8.js';
import type { WriteAheadLog, WriteAheadLogRecordHandle } from './WriteAheadLog.js';
import { compareSegments, incarnationOf, parseSegmentName, segmentFor } from './writeAheadLogSegment.js';

/**
 * A write-ahead log in `wal/` of a `DurableDirectory`: one append-only segment file per time
 * window (`log-<start>-<end>`, see writeAheadLogSegment.ts), each record one frame (length +
 * CRC-32, see frame.ts), fsynced before `write` resolves (Spark: `FileBasedWriteAheadLog`, which
 * rolls its files every `rollingIntervalSecs`). A handle's `offset` is the byte offset of the
 * record's frame in its segment. Only the log instance that created a segment appends to it, so
 * a tail torn by a crash stays the last thing in its file, where `readAll` skips it.
 */
export class DirectoryWriteAheadLog implements WriteAheadLog {
  private readonly mutex = new Mutex();
  /** The segment this instance appends to, per window name. */
  private readonly ownSegments = new Map<string, string>();

  constructor(
    private readonly directory: DurableDirectory,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {}

  async write(record: string, time: number): Promise<WriteAheadLogRecordHandle> {
    checkTime(time, `Write-ahead log in ${this.directory.location}`);
    const timeWindow = segmentFor(time, this.windowMs);
    const payload = utf8Encode(record);
    const frame = encodeFrame(payload);
    return this.mutex.run(async () => {
      let segment = this.ownSegments.get(timeWindow.name);
      if (segment === undefined) {
        // A new incarnation after any that an earlier writer left in this window.
        const taken = (await this.segments()).filter((s) => s.start === timeWindow.start && s.end === timeWindow.end);
        segment = taken.length === 0 ? timeWindow.name : incarnationOf(timeWindow, Math.max(...taken.map((s) => s.incarnation)) + 1).name;
        this.ownSegments.set(timeWindow.name, segment);
      }
      const offset = await this.directory.append(segmentPath(segment), frame);
      return { segment, offset, length: payload.length };
    });
  }

  async read(handle: WriteAheadLogRecordHandle): Promise<string> {
    const { segment, offset, length } = handle;
    const isHandle = parseSegmentName(segment) && Number.isSafeInteger(offset) && offset >= 0 && Number.isSafeInteger(length) && length >= 0;
    const bytes = isHandle ? await this.directory.readRange(segmentPath(segment), offset, FRAME_HEADER_BYTES + length) : undefined;
    if (bytes === undefined || bytes.length < FRAME_HEADER_BYTES + length) throw this.missing(handle);
    const frame = decodeFrame(bytes);
    if (frame.ok && frame.payload.length === length) return utf8Decode(frame.payload);
    if (!frame.ok && frame.problem === 'checksum mismatch') {
      throw new CheckpointError(
        'CHECKPOINT_CORRUPT',
        `Write-ahead log in ${this.directory.location}: the record at ${segment}:${offset} fails its checksum (altered bytes); its data is lost.`,
      );
    }
    throw this.missing(handle);
  }

  readAll(): Promise<{ handle: WriteAheadLogRecordHandle; record: string }[]> {
    return this.mutex.run(async () => {
      const records: { handle: WriteAheadLogRecordHandle; record: string }[] = [];
      for (const { name } of await this.segments()) {
        const bytes = (await this.directory.read(segmentPath(name))) ?? new Uint8Array(0);
        let offset = 0;
        while (offset < bytes.length) {
          const frame = decodeFrame(bytes, offset);
          if (!frame.ok) {
            this.logger.warn(
              `Write-ahead log in ${this.directory.location}: ignoring the last ${bytes.length - offset} bytes of ${name} (from offset ${offset}): ` +
                `${frame.problem}, left by a write that did not finish or by damage.`,
            );
            break;
          }
          records.push({ handle: { segment: name, offset, length: frame.payload.length }, record: utf8Decode(frame.payload) });
          offset = frame.end;
        }
      }
      return records;
    });
  }

  clean(threshTime: number): Promise<void> {
    return this.mutex.run(async () => {
      const old = (await this.segments()).filter((segment) => segment.end <= threshTime);
      for (const { start, end } of old) this.ownSegments.delete(`log-${start}-${end}`);
      await Promise.all(old.map(({ name }) => this.directory.remove(segmentPath(name))));
    });
  }

  /** @internal Settles once the operations issued so far have. */
  idle(): Promise<void> {
    return this.mutex.run(async () => undefined);
  }

  private async segments() {
    return (await this.directory.list('wal')).flatMap((name) => parseSegmentName(name) ?? []).sort(compareSegments);
  }

  private missing({ segment, offset }: WriteAheadLogRecordHandle): CheckpointError {
    return new CheckpointError(
      'WRITE_AHEAD_LOG_RECORD_MISSING',
      `Write-ahead log in ${this.directory.location}: no record at ${String(segment)}:${String(offset)}; it was cleaned, the segment was cut short, or the handle is from another log.`,
    );
  }
}

const segmentPath = (segment: string): string => `wal/${segment}`;
