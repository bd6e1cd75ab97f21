import { ReceiverError, ValidationError } from '../errors.js';
import type { ConnectSocket, SocketConnection } from '../platform/PlatformSources.js';
import { StorageLevel } from '../rdd/StorageLevel.js';
import { Receiver } from '../streaming/receiver/Receiver.js';
import { LineSplitter } from './LineSplitter.js';
import { platformSource } from './platformSource.js';

/** Options of `socketTextStream`. */
export interface SocketTextStreamOptions {
  /** Ignored on a JavaScript heap, kept for Spark parity (Spark's default: `MEMORY_AND_DISK_SER_2`). */
  storageLevel?: StorageLevel;
  /**
   * The longest line kept, in UTF-16 code units without the terminator; longer lines are dropped,
   * each reported with `reportError` (a `ReceiverError` of code `LINE_TOO_LONG`). Default 1 Mi (1,048,576).
   */
  maxLineLength?: number;
}

/** Turns a connection's chunks into records, a chunk's worth at a time, so they are stored together. */
type BytesToRecords<T> = (chunks: AsyncIterable<Uint8Array>, receiver: SocketReceiver<T>) => AsyncIterable<readonly T[]>;

const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Receives records over a TCP connection to `host:port` (Spark: `SocketReceiver`): connects on
 * start, stores what the bytes convert to, and restarts — reconnecting after the context's
 * `receiverRestartDelayMs` — when the connection cannot be made, fails, or the server closes it
 * ("Socket data stream had no more data"). Stopping closes the connection. Node only: elsewhere
 * constructing one throws `PLATFORM_UNSUPPORTED`.
 */
export class SocketReceiver<T> extends Receiver<T> {
  private readonly connect: ConnectSocket;
  /** Aborted by `onStop`: ends this start's connection attempt and reading loop, not a later start's. */
  private running: AbortController | undefined;
  private connection: SocketConnection | undefined;
  private dropped = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly bytesToRecords: BytesToRecords<T>,
    storageLevel?: StorageLevel,
    sourceName = 'socketStream',
  ) {
    super(storageLevel);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ValidationError('INVALID_ARGUMENT', `${sourceName}: port ${port} is not a TCP port; use a whole number from 0 to 65535.`);
    }
    this.connect = platformSource(
      'connectSocket',
      sourceName,
      'browsers cannot open TCP connections, so receive the text over a WebSocket with ssc.webSocketTextStream(url) instead',
    );
  }

  /** A receiver of the UTF-8 lines sent to `host:port` (Spark: `socketTextStream`'s `SocketReceiver` with `bytesToLines`). */
  static text(host: string, port: number, storageLevelOrOptions?: StorageLevel | SocketTextStreamOptions): SocketReceiver<string> {
    const options = storageLevelOrOptions instanceof StorageLevel ? { storageLevel: storageLevelOrOptions } : (storageLevelOrOptions ?? {});
    const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    if (!Number.isSafeInteger(maxLineLength) || maxLineLength < 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `socketTextStream: maxLineLength ${maxLineLength} is not a whole number ≥ 0; use e.g. 1048576 (the default).`,
      );
    }
    return new SocketReceiver(host, port, (chunks, receiver) => linesOf(chunks, receiver, maxLineLength), options.storageLevel, 'socketTextStream');
  }

  /** A receiver of what `converter` makes of the bytes sent to `host:port` (Spark: `socketStream`'s `SocketReceiver`). */
  static converting<T>(
    host: string,
    port: number,
    converter: (chunks: AsyncIterable<Uint8Array>) => AsyncIterable<T>,
    storageLevel?: StorageLevel,
  ): SocketReceiver<T> {
    return new SocketReceiver(host, port, (chunks) => oneByOne(converter(chunks)), storageLevel);
  }

  /** Where it connects, for the graph fingerprint (the converter is a function, so it is not compared). */
  override fingerprintParams(): Readonly<Record<string, string | number>> {
    return { host: this.host, port: this.port };
  }

  /** Lines dropped for exceeding `maxLineLength` since the receiver was created (text receivers only). */
  get droppedLines(): number {
    return this.dropped;
  }

  /**
   * @internal Counts a line dropped for its length and reports it (`receiverError` to listeners, a
   * warning to the logger) with the running count, so nothing is lost silently.
   */
  lineDropped(maxLineLength: number): void {
    this.dropped++;
    const message =
      `socketTextStream ${this.host}:${this.port}: dropped a line longer than maxLineLength ${maxLineLength} ` +
      `(${this.dropped} dropped so far); raise maxLineLength if such lines are expected.`;
    this.reportError(message, new ReceiverError('LINE_TOO_LONG', message));
  }

  onStart(): void {
    const running = new AbortController();
    this.running = running;
    void this.receive(running.signal);
  }

  onStop(): void {
    this.running?.abort();
    this.running = undefined;
    this.connection?.close();
    this.connection = undefined;
  }

  /** Connects, then stores records until the stream ends or fails; either way, restarts (Spark: `receive`). */
  private async receive(signal: AbortSignal): Promise<void> {
    const where = `${this.host}:${this.port}`;
    let connection: SocketConnection;
    try {
      connection = await this.connect(this.host, this.port, signal);
    } catch (error) {
      if (!signal.aborted) this.restart(`Error connecting to ${where}`, error);
      return;
    }
    if (signal.aborted) {
      connection.close();
      return;
    }
    this.connection = connection;
    try {
      for await (const records of this.bytesToRecords(connection, this)) {
        if (signal.aborted) return;
        if (records.length > 0) await this.store(records);
      }
      if (!signal.aborted) this.restart(`Socket data stream from ${where} had no more data`);
    } catch (error) {
      if (!signal.aborted) this.restart(`Error receiving data from ${where}`, error);
    } finally {
      connection.close();
    }
  }
}

/** The lines of a connection, a chunk's worth at a time; each dropped line is reported as it is found. */
async function* linesOf(
  chunks: AsyncIterable<Uint8Array>,
  receiver: SocketReceiver<string>,
  maxLineLength: number,
): AsyncGenerator<readonly string[]> {
  const splitter = new LineSplitter(maxLineLength);
  let reported = 0;
  for await (const chunk of chunks) {
    const lines = splitter.push(chunk);
    for (; reported < splitter.droppedLines; reported++) receiver.lineDropped(maxLineLength);
    yield lines;
  }
  const last = splitter.end();
  for (; reported < splitter.droppedLines; reported++) receiver.lineDropped(maxLineLength);
  yield last;
}

async function* oneByOne<T>(records: AsyncIterable<T>): AsyncGenerator<readonly T[]> {
  for await (const record of records) yield [record];
}
