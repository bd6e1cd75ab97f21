/**
 * A write-ahead log (journal) for the data receivers hand to the engine, so that blocks received
 * but not yet processed survive a restart (Spark: `org.apache.spark.streaming.util.WriteAheadLog`).
 *
 * Contract:
 * - `write(record, time)` resolves only once the record is durable: after a crash, `readAll()`
 *   returns it and `read(handle)` reads it back. `time` is the batch time (ms) the record belongs
 *   to; it indexes the record so that `clean` can drop it later. Writes of one log are applied in
 *   call order.
 * - `read(handle)` returns the record exactly as written, or rejects with a `CheckpointError` of
 *   code `WRITE_AHEAD_LOG_RECORD_MISSING` (cleaned, or never written here) or `CHECKPOINT_CORRUPT`
 *   (the bytes no longer match their checksum).
 * - `readAll()` returns every record not yet cleaned, oldest segment first and in write order
 *   within a segment. A torn record at the end of a segment (the process died mid-append) is
 *   skipped with a warning, never returned.
 * - `clean(threshTime)` deletes records older than `threshTime`, a whole segment at a time: a
 *   segment goes once every time it may hold is below `threshTime`, so records at or after
 *   `threshTime` always stay (Spark: `clean(threshTime, waitForCompletion = true)`).
 */
export interface WriteAheadLog {
  /** Durably appends a record for batch-time `time`; resolves with a handle once it is safe. */
  write(record: string, time: number): Promise<WriteAheadLogRecordHandle>;
  /** The record `handle` points at (Spark: `read(handle)`). */
  read(handle: WriteAheadLogRecordHandle): Promise<string>;
  /** Every record still in the log, oldest first, with handles. */
  readAll(): Promise<{ handle: WriteAheadLogRecordHandle; record: string }[]>;
  /** Deletes records older than `threshTime` (whole segments). */
  clean(threshTime: number): Promise<void>;
}

/**
 * Where a record lives in its log (Spark: `FileBasedWriteAheadLogSegment(path, offset, length)`).
 * Plain JSON-serialisable data, so the engine can keep handles inside a checkpoint; callers treat
 * it as opaque and hand it back to the log that made it. `segment` names the time window the
 * record was filed under (`log-<startMs>-<endMs>`, with a `.<n>` suffix when a later writer
 * reopened the window), `offset` is the record's position in that segment (a byte offset in a
 * file, a sequence number in IndexedDB) and `length` its size in UTF-8 bytes.
 */
export interface WriteAheadLogRecordHandle {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
}
