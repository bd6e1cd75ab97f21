import { messageOf, ValidationError } from '../errors.js';
import type { LocalFiles } from '../platform/PlatformSources.js';
import { BlockRDD, type RDD } from '../rdd/internal.js';
import type { RecordBlock } from '../rdd/BlockRDD.js';
import { Duration, Seconds } from '../streaming/Duration.js';
import { InputDStream } from '../streaming/dstream/internal.js';
import type { StreamingContext } from '../streaming/StreamingContext.js';
import type { Time } from '../streaming/Time.js';
import { platformSource } from './platformSource.js';
import { textInputFormat } from './textInputFormat.js';

/** Options of `fileStream`. */
export interface FileStreamOptions<T> {
  /** Which files to take, by path, besides skipping hidden ones (names starting with `.` or `_`). Default: all. */
  filter?: (path: string) => boolean;
  /** Only files modified after the stream was created; false also takes the files already there. Default true. */
  newFilesOnly?: boolean;
  /**
   * How far back modification times are accepted, rounded up to whole batches (Spark:
   * `spark.streaming.fileStream.minRememberDuration`). Default 60 s.
   */
  minRememberDuration?: Duration;
  /**
   * A file's bytes to records (Spark: the `InputFormat` type parameter). Default: `TextInputFormat`'s
   * `[byte offset of the line, line]` pairs, UTF-8, lines ending at `\n` or `\r\n`.
   */
  inputFormat?: (content: Uint8Array, path: string) => Iterable<T>;
}

/**
 * Watches a local directory for new files (Spark: `FileInputDStream`). At each batch time T the
 * directory is listed and a file is selected if it passes the filter, was modified in
 * (ignoreThreshold, T] and was not selected before; it is read at once, one partition per file.
 * Files must appear whole — written elsewhere, then moved in — and must not change afterwards.
 *
 *                      |<----- remember window ----->|
 * ignore threshold --->|                             |<--- batch time T
 *                      |____.____.____.____.____.____|
 * ---------------------|----|----|----|----|----|----|------------> modification time
 *                        files selected in these batches are remembered, and never selected again
 *
 * The ignore threshold is max(creation time if `newFilesOnly`, T − remember window), where the
 * window is `minRememberDuration` rounded up to whole batches. Listing and reading are
 * synchronous, done while the batch's jobs are generated, so the files a batch sees depend only on
 * their modification times and the batch time — under a `ManualClock` exactly as under real time.
 */
export class FileInputDStream<T> extends InputDStream<T> {
  readonly className = 'FileInputDStream';
  private readonly files: LocalFiles;
  private readonly fileFilter: (path: string) => boolean;
  private readonly inputFormat: (content: Uint8Array, path: string) => Iterable<T>;
  /** Files modified at or before this are ignored: the creation time with `newFilesOnly` (kept across a restart). */
  private initialModTimeIgnoreThreshold: number;
  private readonly durationToRememberMs: number;
  /** The files selected by each remembered batch, by batch time in ms. */
  private readonly batchTimeToSelectedFiles = new Map<number, readonly string[]>();
  private readonly recentlySelectedFiles = new Set<string>();

  constructor(
    context: StreamingContext,
    readonly directory: string,
    options: FileStreamOptions<T> = {},
    sourceName = 'fileStream',
  ) {
    super(context);
    this.files = platformSource(
      'localFiles',
      sourceName,
      'browsers have no directories to watch, so feed the data with ssc.queueStream(...), a WebSocket or an EventSource instead',
    );
    this.fileFilter = options.filter ?? (() => true);
    this.inputFormat = options.inputFormat ?? (textInputFormat as unknown as (content: Uint8Array) => Iterable<T>);
    this.initialModTimeIgnoreThreshold = (options.newFilesOnly ?? true) ? context.clock.getTimeMillis() : 0;
    const minRemember = options.minRememberDuration ?? Seconds(60);
    if (!(minRemember.milliseconds > 0)) {
      throw new ValidationError('INVALID_ARGUMENT', `${sourceName} '${directory}': minRememberDuration ${minRemember} is not positive; use e.g. Seconds(60).`);
    }
    const batchMs = context.graph.batchDuration.milliseconds;
    // Spark also makes the stream remember its RDDs this long; those are lazy there, but here they
    // hold the files' records, so only the selected names are kept for the window.
    this.durationToRememberMs = Math.ceil(minRemember.milliseconds / batchMs) * batchMs;
  }

  start(): void {}

  stop(): void {}

  /** The new files of the batch, read, as one partition each (Spark: `FileInputDStream.compute`). */
  compute(validTime: Time): RDD<T> {
    // A batch cut before a restart reads the files it selected then (Spark: `FileInputDStreamCheckpointData.restore`).
    const newFiles = this.batchTimeToSelectedFiles.get(validTime.milliseconds) ?? this.findNewFiles(validTime.milliseconds);
    this.batchTimeToSelectedFiles.set(validTime.milliseconds, newFiles);
    for (const path of newFiles) this.recentlySelectedFiles.add(path);
    const blocks: RecordBlock<T>[] = [];
    let numRecords = 0;
    for (const path of newFiles) {
      const records = Array.from(this.inputFormat(this.files.readFile(path), path));
      numRecords += records.length;
      blocks.push({ id: path, records });
    }
    // Spark reports 0 records (its RDDs are lazy); these files are already read, so the count is known.
    this.context.reportInputInfo(validTime, {
      inputStreamId: this.id,
      numRecords,
      metadata: { files: newFiles, description: newFiles.join('\n') },
    });
    return new BlockRDD(this.context.rddContext, blocks, 'fileStream');
  }

  override fingerprintParams(): Readonly<Record<string, string>> {
    return { directory: this.directory };
  }

  /** @internal The files of each remembered batch, and the ignore threshold (Spark: `FileInputDStreamCheckpointData`). */
  override checkpointPosition(): FileStreamPosition {
    return { initialModTimeIgnoreThreshold: this.initialModTimeIgnoreThreshold, batches: [...this.batchTimeToSelectedFiles] };
  }

  /** @internal Remembers the files selected before a restart, so they are never selected again and their batches re-read them. */
  override restorePosition(position: unknown): void {
    const { initialModTimeIgnoreThreshold, batches } = position as FileStreamPosition;
    this.initialModTimeIgnoreThreshold = initialModTimeIgnoreThreshold;
    for (const [batchMs, files] of batches) {
      this.batchTimeToSelectedFiles.set(batchMs, files);
      for (const path of files) this.recentlySelectedFiles.add(path);
    }
  }

  /**
   * @internal Forgets the files of batches that left the remember window (Spark: `clearMetadata`).
   * The window is the longer of `minRememberDuration` and the stream's remember duration, as in
   * Spark (which makes the stream remember `durationToRemember`): a stateful stream downstream
   * that checkpoints less often than every 30 s (streams remember twice their checkpoint interval),
   * or a window over 60 s, makes it remember longer, and recovery recomputes those batches from the
   * files the checkpoint says they selected.
   */
  override clearMetadata(time: Time): void {
    super.clearMetadata(time);
    const threshold = time.milliseconds - Math.max(this.durationToRememberMs, this.rememberDuration!.milliseconds);
    for (const [batchMs, files] of this.batchTimeToSelectedFiles) {
      if (batchMs >= threshold) continue;
      this.batchTimeToSelectedFiles.delete(batchMs);
      for (const path of files) this.recentlySelectedFiles.delete(path);
    }
  }

  /** The files new for the batch at `currentTime`; a directory that cannot be listed gives none, with a warning. */
  private findNewFiles(currentTime: number): string[] {
    const modTimeIgnoreThreshold = Math.max(this.initialModTimeIgnoreThreshold, currentTime - this.durationToRememberMs);
    let listed;
    try {
      listed = this.files.listFiles(this.directory);
    } catch (error) {
      this.context.logger.warn(`${this}: error finding new files in '${this.directory}': ${messageOf(error)}`, error);
      return [];
    }
    const selected: string[] = [];
    for (const file of listed) {
      if (isHidden(file.name) || !this.fileFilter(file.path)) continue;
      // `<=`, not `<`, as Spark (SPARK-4518); a file newer than the batch belongs to a later one.
      if (file.modificationTimeMs <= modTimeIgnoreThreshold || file.modificationTimeMs > currentTime) continue;
      if (this.recentlySelectedFiles.has(file.path)) continue;
      selected.push(file.path);
    }
    return selected;
  }
}

/** What a file stream checkpoints (see `DStream.checkpointPosition`). */
interface FileStreamPosition {
  readonly initialModTimeIgnoreThreshold: number;
  readonly batches: readonly (readonly [number, readonly string[]])[];
}

/** Hidden and temporary files, as Hadoop's `FileInputFormat` skips them: names starting with `.` or `_`. */
function isHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}
