import { messageOf, ReceiverError } from '../../errors.js';
import type { Logger } from '../../util/Logger.js';
import type { ReceivedBlockInfo } from '../scheduler/ReceivedBlockTracker.js';
import type { ReceiverInfo, StreamingListenerEvent } from '../scheduler/StreamingListener.js';
import type { Clock } from '../util/Clock.js';
import { BlockGenerator, streamBlockId } from './BlockGenerator.js';
import { RateLimiter } from './RateLimiter.js';
import type { Receiver } from './Receiver.js';
import type { ReceiverConf } from './ReceiverOptions.js';

/** What a supervisor needs from the engine; the `ReceiverTracker` provides it. */
export interface ReceiverSupervisorHost {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly conf: ReceiverConf;
  post(event: StreamingListenerEvent): void;
  /** Takes a block; with the write-ahead log on, the promise resolves once the block is logged. */
  addBlock(block: ReceivedBlockInfo): void | Promise<void>;
  /** True when blocks are written to a write-ahead log, so `store(records[])` is reliable. */
  readonly isWriteAheadLogEnabled: boolean;
}

type ReceiverState = 'Initialized' | 'Started' | 'Stopped';

/**
 * Runs one receiver (Spark: `ReceiverSupervisor` + `ReceiverSupervisorImpl`): calls its
 * `onStart`/`onStop`, restarts it after a delay on the context's clock, cuts what it stores into
 * blocks for the `ReceiverTracker`, and tells listeners (`receiverStarted`, `receiverError`,
 * `receiverStopped`) and the logger about every start, stop and error.
 *
 *   start ─▶ Started ──restart(msg, err, d)──▶ Stopped ──d ms on the clock──▶ Started ...
 *                    └─stop(msg)/context stop──▶ Stopped, last block pushed (for good)
 */
export class ReceiverSupervisor<T> {
  readonly blockGenerator: BlockGenerator<T>;
  private receiverState: ReceiverState = 'Initialized';
  /** The receiver's `onStop` in progress (or done). */
  private receiverStopping: Promise<void> = Promise.resolve();
  private isRestarting = false;
  /** Distinguishes the blocks `pushArrayBuffer` makes within one millisecond. */
  private directBlockCount = 0;
  /** `pushArrayBuffer` calls in progress; stopping waits for them. */
  private readonly directPushes = new Set<Promise<void>>();
  /** Aborted when the supervisor stops: ends a restart's delay. */
  private readonly stopSignal = new AbortController();
  private stopped: Promise<void> | undefined;

  constructor(
    readonly receiver: Receiver<T>,
    private readonly host: ReceiverSupervisorHost,
  ) {
    const { clock, conf, logger } = host;
    const initialRate = conf.backpressure ? conf.initialRate : Number.POSITIVE_INFINITY;
    this.blockGenerator = new BlockGenerator<T>(
      {
        onPushBlock: (blockId, records) => this.pushBlock(blockId, records),
        onError: (message, error) => this.reportError(message, error),
      },
      receiver.streamId,
      clock,
      conf.blockIntervalMs,
      new RateLimiter(clock, conf.maxRate, initialRate),
      logger,
    );
    receiver.attachSupervisor(this);
  }

  get streamId(): number {
    return this.receiver.streamId;
  }

  /** Starts cutting blocks, then the receiver (Spark: `ReceiverSupervisor.start`). */
  start(): void {
    this.blockGenerator.start();
    this.startReceiver();
  }

  /**
   * Stops for good: ends a pending restart, stops the receiver (awaiting `onStop`) and pushes the
   * last block. Idempotent (Spark: `ReceiverSupervisor.stop`).
   */
  stop(message: string, error?: unknown): Promise<void> {
    if (this.stopped) return this.stopped;
    this.stopSignal.abort();
    if (error !== undefined) this.host.logger.error(`Receiver ${this.streamId} stopped: ${message}`, error);
    this.stopped = (async () => {
      await this.stopReceiver(message, error);
      while (this.directPushes.size > 0) await Promise.all(this.directPushes);
      await this.blockGenerator.stop();
    })();
    return this.stopped;
  }

  /**
   * Stops the receiver, waits `delayMs` on the clock, starts it again (Spark: `restartReceiver`).
   * A restart already pending, or a stopped supervisor, makes it a no-op.
   */
  restartReceiver(message: string, error?: unknown, delayMs: number = this.host.conf.restartDelayMs): void {
    if (this.stopSignal.signal.aborted || this.isRestarting) return;
    this.isRestarting = true;
    const { clock, logger } = this.host;
    // Read the clock now: a ManualClock advanced right after restart() counts the delay from here.
    const restartAt = clock.getTimeMillis() + delayMs;
    logger.warn(`Restarting receiver ${this.streamId} with delay ${delayMs} ms: ${message}`, ...(error === undefined ? [] : [error]));
    const stopped = this.stopReceiver(`Restarting receiver with delay ${delayMs} ms: ${message}`, error);
    // A ManualClock's advance waits for onStop (which must not itself wait for the clock).
    clock.trackWork?.(stopped);
    void (async () => {
      try {
        await stopped;
        await clock.waitTillTime(restartAt, this.stopSignal.signal);
      } catch {
        return; // the supervisor stopped during the delay
      } finally {
        this.isRestarting = false;
      }
      this.startReceiver();
    })();
  }

  /** Logs an error and posts `receiverError`; the receiver keeps running (Spark: `ReceiverSupervisorImpl.reportError`). */
  reportError(message: string, error: unknown): void {
    this.host.logger.warn(`Error reported by receiver for stream ${this.streamId}: ${message}`, error);
    this.host.post({
      type: 'receiverError',
      receiverInfo: this.info(this.receiverState === 'Started', message, error),
    });
  }

  /** True when `store(records[])` makes a block of its own and resolves once it is logged (Spark's reliable receiver). */
  get isReliable(): boolean {
    return this.host.isWriteAheadLogEnabled;
  }

  /**
   * Makes `records` a block of its own, paced by the rate limiter, and hands it to the engine;
   * resolves once it is in the write-ahead log (Spark: `pushArrayBuffer`, stored by
   * `WriteAheadLogBasedBlockHandler` before `store` returns). Used by `store(records[])` with the
   * log on, so a receiver can acknowledge its source once `store` resolves.
   */
  pushArrayBuffer(records: readonly T[]): Promise<void> {
    if (!this.blockGenerator.isActive()) {
      return Promise.reject(
        new ReceiverError(
          'RECEIVER_STOPPED',
          `Cannot store ${records.length} records for stream ${this.streamId}: its receiver is stopped, so they were not ` +
            'stored; stop producing records once the receiver is stopped (check isStopped()).',
        ),
      );
    }
    const pushed = this.pushDirectly([...records]);
    const settled = pushed.then(
      () => undefined,
      () => undefined,
    );
    this.directPushes.add(settled);
    void settled.then(() => this.directPushes.delete(settled));
    return pushed;
  }

  private async pushDirectly(records: T[]): Promise<void> {
    const { clock } = this.host;
    const at = this.blockGenerator.rateLimiter.reserve(records.length);
    // Stopping ends the wait and pushes anyway, so nothing handed to store() is lost.
    if (at > clock.getTimeMillis()) await clock.waitTillTime(at, this.stopSignal.signal).catch(() => undefined);
    const blockId = `${streamBlockId(this.streamId, clock.getTimeMillis())}-${this.directBlockCount++}`;
    await this.pushBlock(blockId, records);
  }

  /** Sets the rate limit of this receiver's blocks (Spark: `ReceiverSupervisor.updateRate`). */
  updateRate(rate: number): void {
    this.blockGenerator.rateLimiter.updateRate(rate);
  }

  isReceiverStarted(): boolean {
    return this.receiverState === 'Started';
  }

  isReceiverStopped(): boolean {
    return this.receiverState === 'Stopped';
  }

  // ---- Receiver lifecycle ----

  /** Marks the receiver started, tells listeners, calls `onStart`; a failure there restarts it (Spark: `startReceiver`). */
  private startReceiver(): void {
    if (this.stopSignal.signal.aborted) return;
    this.receiverState = 'Started';
    this.host.post({ type: 'receiverStarted', receiverInfo: this.info(true) });
    try {
      const result: unknown = this.receiver.onStart();
      // onStart should not be async, but a rejected promise from it must not go unnoticed.
      if (isPromiseLike(result)) result.then(undefined, (error: unknown) => this.onStartFailed(error));
    } catch (error) {
      this.onStartFailed(error);
    }
  }

  private onStartFailed(error: unknown): void {
    const message = `Error starting receiver ${this.streamId}: ${messageOf(error)}`;
    // Restart first, so the receiver is already marked stopped when listeners hear of the error.
    this.restartReceiver(message, error);
    this.reportError(message, error);
  }

  /** Marks it stopped, awaits `onStop`, tells listeners (Spark: `stopReceiver`). */
  private stopReceiver(message: string, error: unknown): Promise<void> {
    if (this.receiverState !== 'Started') return this.receiverStopping;
    this.receiverState = 'Stopped';
    this.receiverStopping = (async () => {
      try {
        await this.receiver.onStop();
      } catch (stopError) {
        this.host.logger.error(`Error stopping receiver ${this.streamId}: ${messageOf(stopError)}`, stopError);
        this.host.post({
          type: 'receiverError',
          receiverInfo: this.info(false, `Error stopping receiver ${this.streamId}`, stopError),
        });
      }
      this.host.post({ type: 'receiverStopped', receiverInfo: this.info(false, message, error) });
    })();
    return this.receiverStopping;
  }

  private pushBlock(blockId: string, records: T[]): void | Promise<void> {
    return this.host.addBlock({ streamId: this.streamId, blockId, numRecords: records.length, records });
  }

  private info(active: boolean, lastErrorMessage?: string, lastError?: unknown): ReceiverInfo {
    const base = { streamId: this.streamId, name: this.receiver.constructor.name, active };
    if (lastErrorMessage === undefined) return base;
    if (lastError === undefined) return { ...base, lastErrorMessage };
    return { ...base, lastErrorMessage, lastError, lastErrorTime: this.host.clock.getTimeMillis() };
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
