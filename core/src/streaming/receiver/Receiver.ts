import { ReceiverError } from '../../errors.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import type { ReceiverSupervisor } from './ReceiverSupervisor.js';

/**
 * A custom source: receives data from outside and hands it to the engine with `store()`
 * (Spark: `receiver.Receiver`). Give it to `ssc.receiverStream(receiver)`; the context starts it
 * when it starts and stops it when it stops.
 *
 * `onStart()` must not block, exactly as in Spark: it runs on the engine's thread, so it sets up
 * the connection, starts the asynchronous reading (a promise chain, an event handler, an async
 * loop it does not await) and returns. The reading calls `store(...)` and should `await` it, which
 * is how the rate limit paces the source. `onStop()` releases what `onStart()` acquired; it may be
 * async and the engine waits for it. A receiver that fails calls `restart(...)` to be stopped and
 * started again after a delay, `reportError(...)` to tell listeners and keep going, or `stop(...)`
 * to give up. An error thrown by `onStart()` (or its rejected promise) counts as `restart`.
 *
 * Everything runs on one thread, so a source that never waits for I/O (an in-memory generator)
 * and has no rate limit would keep the thread busy and starve the batches: give such a source a
 * `receiverMaxRate`, or let it await real events.
 *
 * ```ts
 * class LineReceiver extends Receiver<string> {
 *   private socket?: Socket;
 *   onStart(): void {
 *     this.socket = connect(port, host);
 *     void this.receive(this.socket);   // do not await: onStart must return
 *   }
 *   async onStop(): Promise<void> { this.socket?.destroy(); }
 *   private async receive(socket: Socket): Promise<void> {
 *     try {
 *       for await (const line of lines(socket)) {
 *         if (this.isStopped()) return;
 *         await this.store(line);
 *       }
 *       this.restart('Socket closed, trying to connect again');
 *     } catch (error) {
 *       if (!this.isStopped()) this.restart('Error receiving data', error);
 *     }
 *   }
 * }
 * ```
 */
export abstract class Receiver<T> {
  // ES private fields, so that a subclass is free to use any name for its own members.
  #supervisor: ReceiverSupervisor<T> | undefined;
  #streamId = -1;

  /** `storageLevel` is kept for Spark parity; received blocks stay on the heap (Spark: `Receiver(storageLevel)`). */
  constructor(readonly storageLevel: StorageLevel = StorageLevel.MEMORY_ONLY_SER) {}

  /** Starts receiving; must return quickly, with the reading left running asynchronously (Spark: `onStart`). */
  abstract onStart(): void;

  /**
   * Stops receiving and releases what `onStart` acquired; may return a promise, which the engine
   * awaits — so it must not itself wait for the context's clock to move (Spark: `onStop`).
   */
  abstract onStop(): void | Promise<void>;

  /**
   * Hands records to the engine; the promise resolves once they are accepted (buffered into the
   * block being built), waiting first while the receiver is over its rate limit (Spark: `store`).
   * - one record: `store(record)`;
   * - several records, kept together in one block: `store([r1, r2])` — so a receiver whose records
   *   are themselves arrays stores one as `store([record])`. With the context's `writeAheadLog` on,
   *   this is the reliable form (Spark's `store(ArrayBuffer)`): the records become a block of their
   *   own, and the promise resolves only once that block is in the write-ahead log, so the receiver
   *   may then acknowledge its source. The other forms are buffered into a block first, and logged
   *   when the block is cut (up to a block interval later), as Spark's single-record `store`;
   * - an `AsyncIterable`: pulled one record at a time as the rate limit allows, until it ends.
   * Rejects with a `ReceiverError` (`RECEIVER_STOPPED`) once the receiver's context stopped it.
   */
  store(record: T): Promise<void>;
  store(records: readonly T[]): Promise<void>;
  store(records: AsyncIterable<T>): Promise<void>;
  store(data: T | readonly T[] | AsyncIterable<T>): Promise<void> {
    try {
      const generator = this.requireSupervisor('store').blockGenerator;
      if (Array.isArray(data)) {
        const supervisor = this.#supervisor!;
        return supervisor.isReliable ? supervisor.pushArrayBuffer(data as readonly T[]) : generator.addMultipleData(data as readonly T[]);
      }
      if (isAsyncIterable<T>(data)) return generator.addIterable(data);
      return generator.addData(data as T);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Stops the receiver (calling `onStop`), then starts it again (calling `onStart`) after
   * `delayMs` on the context's clock — by default the context's `receiverRestartDelayMs`, 2000 ms.
   * Returns at once; the restart happens asynchronously (Spark: `Receiver.restart`).
   */
  restart(message: string, error?: unknown, delayMs?: number): void {
    this.requireSupervisor('restart').restartReceiver(message, error, delayMs);
  }

  /** Stops the receiver for good: `onStop` runs and what was stored is pushed (Spark: `Receiver.stop`). */
  stop(message: string, error?: unknown): void {
    void this.requireSupervisor('stop').stop(message, error);
  }

  /** Reports an error to the logs and to listeners (`receiverError`) without stopping (Spark: `reportError`). */
  reportError(message: string, error: unknown): void {
    this.requireSupervisor('reportError').reportError(message, error);
  }

  /** True while the receiver is started: after `onStart`, until it is stopped or restarting (Spark: `isStarted`). */
  isStarted(): boolean {
    return this.#supervisor?.isReceiverStarted() ?? false;
  }

  /** True once the receiver is stopped (also during a restart's delay); a reading loop checks it (Spark: `isStopped`). */
  isStopped(): boolean {
    return this.#supervisor?.isReceiverStopped() ?? false;
  }

  /**
   * What identifies this receiver's source — a host and port, a URL, a topic — for the graph
   * fingerprint a checkpoint is checked against: recovery with other values rejects with
   * `CHECKPOINT_GRAPH_CHANGED` naming them. The values are stored in every checkpoint, so never
   * return secrets (tokens, passwords, credentials in a URL). Default: none; the receiver's class
   * name is always part of the fingerprint. Rivulet's addition.
   */
  fingerprintParams(): Readonly<Record<string, string | number | boolean>> {
    return {};
  }

  /** The id of the input stream this receiver feeds, −1 before it is given to one (Spark: `Receiver.streamId`). */
  get streamId(): number {
    return this.#streamId;
  }

  /** @internal Binds the receiver to its input stream, once (Spark: `setReceiverId`). */
  setReceiverId(streamId: number): void {
    if (this.#streamId !== -1 && this.#streamId !== streamId) {
      throw new ReceiverError(
        'RECEIVER_IN_USE',
        `${this.constructor.name} already feeds input stream ${this.#streamId}, so it cannot also feed stream ${streamId}; ` +
          'create one receiver object per receiverStream.',
      );
    }
    this.#streamId = streamId;
  }

  /** @internal Connects the receiver to the supervisor that runs it (Spark: `attachSupervisor`). */
  attachSupervisor(supervisor: ReceiverSupervisor<T>): void {
    this.#supervisor = supervisor;
  }

  private requireSupervisor(method: string): ReceiverSupervisor<T> {
    if (!this.#supervisor) {
      throw new ReceiverError(
        'RECEIVER_NOT_STARTED',
        `${this.constructor.name}.${method}() was called before the receiver was started; ` +
          'give it to ssc.receiverStream(...) and call it from onStart() or later, once ssc.start() ran.',
      );
    }
    return this.#supervisor;
  }
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
