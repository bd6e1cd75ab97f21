import type { Logger } from '../util/Logger.js';
import type { DurableRecords } from './DurableRecords.js';
import type { WriteAheadLog } from './WriteAheadLog.js';

/**
 * Where a streaming context keeps its checkpoints, its write-ahead log and a few durable records
 * (Spark: the checkpoint directory, written by `CheckpointWriter` and read by `CheckpointReader`).
 * Implementations: `MemoryCheckpointStore`, `NodeDirectoryCheckpointStore` (a directory),
 * `IndexedDbCheckpointStore` (a browser database); `ssc.checkpoint(path)` picks the platform's.
 *
 * A checkpoint is a set of named parts (opaque strings) for one batch time. Parts are stored by
 * content, so a large part that did not change between batches is not written again — nor even
 * hashed again when it comes under the same name as in the previous write (`PartHashCache`):
 *
 *   checkpoint 3000 ─┬─ graph ──► content a1b2…   (SHA-256 of the part's UTF-8 bytes)
 *                    └─ state ──► content 9f8e… ◄─┐
 *   checkpoint 4000 ─┬─ graph ──► content c3d4…   │ shared, stored once
 *                    └─ state ────────────────────┘
 *
 * One writer at a time: a store instance serialises its own writes; stores that can be opened
 * twice (IndexedDB in two tabs) refuse a second writer with `CHECKPOINT_LOCKED`. `close()` is not
 * final: it releases handles and locks, and a later call opens them again.
 */
export interface CheckpointStore {
  /** Human-readable location, e.g. the directory path or `indexeddb:<name>`. */
  readonly name: string;
  /**
   * Writes the checkpoint of batch time `time` (ms) atomically: afterwards a reader sees all of
   * its parts or none. Parts are opaque strings keyed by name. Parts are content-addressed: a
   * part whose content (SHA-256) is already stored is not written again, so the engine can hand
   * the same large state part to many checkpoints cheaply. Keeps the newest `retain` checkpoints
   * (default 10) and deletes content no kept checkpoint references. Writing a time that already
   * has a checkpoint replaces it.
   */
  write(time: number, parts: ReadonlyMap<string, string>): Promise<void>;
  /**
   * The newest checkpoint whose manifest and every part verify (length + checksum). Invalid
   * ones (torn, truncated, flipped bytes, junk) are skipped with a warning naming the reason
   * (through the store's logger). `undefined` when there is no checkpoint at all; a
   * `CheckpointError` (code CHECKPOINT_CORRUPT) when checkpoints exist but none is valid.
   */
  readLatest(): Promise<StoredCheckpoint | undefined>;
  /** Every checkpoint, newest first, with its size and part names (for the editor's panel), valid or not (flag it). */
  list(): Promise<CheckpointSummary[]>;
  /** Deletes the checkpoint of batch time `time` (a missing one is fine) and content only it referenced. */
  delete(time: number): Promise<void>;
  /** What the store holds on disk: distinct contents and their bytes, so sharing is visible. */
  usage(): Promise<CheckpointStoreUsage>;
  /** The store's write-ahead log, for receivers' blocks. */
  readonly writeAheadLog: WriteAheadLog;
  /** Small durable records keyed by string (e.g. an idempotent sink's committed batch times). */
  readonly records: DurableRecords;
  /** Releases handles (DB connections, locks). The store stays usable: a later call reopens them. */
  close(): Promise<void>;
}

/** One checkpoint as read back: its batch time (ms) and its parts by name. */
export interface StoredCheckpoint {
  readonly time: number;
  readonly parts: ReadonlyMap<string, string>;
}

/**
 * One checkpoint as listed. `bytes` is the UTF-8 size of its parts (shared content counted in
 * every checkpoint that uses it); `valid` is false when its manifest or a part fails to verify,
 * and `problem` then says why.
 */
export interface CheckpointSummary {
  readonly time: number;
  readonly bytes: number;
  readonly parts: readonly string[];
  readonly valid: boolean;
  readonly problem?: string;
}

/** Distinct stored contents (`contents`) and their UTF-8 bytes (`contentBytes`), manifests excluded. */
export interface CheckpointStoreUsage {
  readonly contents: number;
  readonly contentBytes: number;
}

/** Options every store takes. */
export interface CheckpointStoreOptions {
  /** How many of the newest checkpoints to keep (Spark keeps 10 checkpoint files). Default 10. */
  readonly retain?: number;
  /**
   * The time window (ms) of one write-ahead-log segment: records are filed under
   * `log-<start>-<start + window>` by their batch time, and `clean` drops whole windows.
   * Default 60 000 (Spark: `spark.streaming.receiver.writeAheadLog.rollingIntervalSecs` = 60).
   */
  readonly writeAheadLogWindowMs?: number;
  /** Where skipped checkpoints and torn log records are reported. Default: the console. */
  readonly logger?: Logger;
}
