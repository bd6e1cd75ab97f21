import { proxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { CheckpointSummary } from '../../checkpoint/CheckpointStore.js';
import { messageOf, RivuletError } from '../../errors.js';
import type { EngineApi, EngineStatus, LoadOptions, LoadResult, StepResult } from './EngineApi.js';
import type { EngineEvent } from './EngineEvent.js';
import { installErrorTransfer } from './errorTransfer.js';
import { realTimer, type RealTimer } from './RealTimer.js';
import { serializeError } from './serializeError.js';
import { Watchdog, type WatchedActivity } from './Watchdog.js';

/** The default for `EngineClientOptions.batchTimeoutMs`. */
export const DEFAULT_BATCH_TIMEOUT_MS = 10_000;

/** Options of an `EngineClient`. The platform factories (`createNodeEngine`, `createBrowserEngine`) fill in the first two. */
export interface EngineClientOptions {
  /** The page's end of the worker's channel: a `Worker`, or `nodeEndpoint(worker)` in Node. */
  readonly endpoint: Endpoint;
  /** Ends the worker at once, even one stuck in a loop (`worker.terminate()`). */
  readonly terminate: () => unknown;
  /**
   * Real ms a batch, or any call, may take before the worker is deemed stuck in a user function
   * and terminated (`ENGINE_UNRESPONSIVE`). Default 10 000.
   */
  readonly batchTimeoutMs?: number;
  /** The watchdog's timer; tests may inject one. */
  readonly timer?: RealTimer;
}

/** Receives every event of the engine, one at a time. */
export type EngineListener = (event: EngineEvent) => void;

/**
 * The page's handle on an engine running in a worker: the `EngineApi` over comlink, plus what
 * only the page can do. Its watchdog times every call and every batch (the host announces each
 * batch with a `batchProgress` beacon before running it); one that outlives `batchTimeoutMs`
 * means the worker is stuck in a user function, so the client terminates it and every pending
 * and later call rejects with `ENGINE_UNRESPONSIVE` naming the batch. The page never compiles or
 * runs user code itself, so it stays responsive throughout. Platform-neutral: it sees only an `Endpoint`.
 */
export class EngineClient {
  private readonly remote: Remote<EngineApi>;
  private readonly listeners = new Set<EngineListener>();
  private readonly watchdog: Watchdog;
  private readonly rejectPending = new Set<(error: unknown) => void>();
  private readonly terminateWorker: () => unknown;
  private failure: RivuletError | undefined;
  private runningBatch: { readonly batchTimeMs: number; readonly activity: WatchedActivity } | undefined;
  private clockMs = 0;
  private batchDurationMs: number | undefined;
  /**
   * Settles once the worker has answered its first call (subscribing the client). Calls are timed
   * from then on: loading the worker's modules (many of them, unbundled, from a dev server) is not
   * a stuck batch.
   */
  private readonly ready: Promise<unknown>;

  constructor(options: EngineClientOptions) {
    installErrorTransfer();
    this.terminateWorker = options.terminate;
    const timer = options.timer ?? realTimer;
    this.watchdog = new Watchdog(timer, options.batchTimeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS, (what) => this.unresponsive(what));
    this.remote = wrap<EngineApi>(options.endpoint);
    this.ready = this.remote.subscribe(proxy((events: readonly EngineEvent[]) => this.dispatch(events)));
  }

  // ---- The engine's API ----

  /** Parses, validates and compiles `specJson` in the worker; see `EngineApi.load`. */
  async load(specJson: string, options: LoadOptions = {}): Promise<LoadResult> {
    const result = await this.call<LoadResult>('load()', () => this.remote.load(specJson, options));
    if (result.ok) {
      this.clockMs = result.pipeline.clockMs;
      this.batchDurationMs = result.pipeline.batchDurationMs;
    }
    return result;
  }

  start(): Promise<void> {
    return this.call('start()', () => this.remote.start());
  }

  pause(): Promise<void> {
    return this.call('pause()', () => this.remote.pause());
  }

  resume(): Promise<void> {
    return this.call('resume()', () => this.remote.resume());
  }

  /** Runs one batch; rejects with `ENGINE_UNRESPONSIVE` (naming the batch) if it does not finish in time. */
  step(): Promise<StepResult> {
    const next = this.batchDurationMs === undefined ? undefined : this.clockMs + this.batchDurationMs;
    return this.call(next === undefined ? 'step()' : `batch ${next} ms`, () => this.remote.step());
  }

  setSpeed(factor: number): Promise<void> {
    return this.call('setSpeed()', () => this.remote.setSpeed(factor));
  }

  stop(): Promise<void> {
    return this.call('stop()', () => this.remote.stop());
  }

  status(): Promise<EngineStatus> {
    return this.call('status()', () => this.remote.status());
  }

  /** The checkpoints at `checkpoint` (or in the loaded pipeline's store), newest first; see `EngineApi.listCheckpoints`. */
  listCheckpoints(checkpoint?: string): Promise<readonly CheckpointSummary[]> {
    return this.call('listCheckpoints()', () => this.remote.listCheckpoints(checkpoint));
  }

  /** Deletes one checkpoint at `checkpoint` (or in the loaded pipeline's store); see `EngineApi.deleteCheckpoint`. */
  deleteCheckpoint(time: number, checkpoint?: string): Promise<void> {
    return this.call('deleteCheckpoint()', () => this.remote.deleteCheckpoint(time, checkpoint));
  }

  // ---- Page side ----

  /** Calls `listener` with every event from now on; returns the function that unsubscribes it. */
  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True once the worker was terminated (by `terminate()` or by the watchdog). */
  get isTerminated(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Ends the worker at once; pending and later calls reject with `ENGINE_TERMINATED`. `reason`
   * (the platform factories pass the worker's own failure) becomes the error's cause.
   */
  terminate(reason?: unknown): void {
    const why = reason === undefined ? '' : `: ${messageOf(reason)}`;
    this.shutDown(
      new RivuletError('ENGINE_TERMINATED', `The engine's worker was terminated${why}; create a new engine to run again.`, {
        cause: reason,
      }),
    );
  }

  // ---- Internals ----

  /** Runs a remote call under the watchdog; it rejects as soon as the worker is terminated. */
  private call<R>(description: string, invoke: () => Promise<R>): Promise<R> {
    if (this.failure) return Promise.reject(this.afterFailure());
    let activity: WatchedActivity | undefined;
    let rejectCall!: (error: unknown) => void;
    const result = new Promise<R>((resolve, reject) => {
      rejectCall = reject;
      this.ready.then(() => {
        if (this.failure) return;
        activity = this.watchdog.begin(description);
        invoke().then(resolve, reject);
      }, reject);
    });
    this.rejectPending.add(rejectCall);
    return result.finally(() => {
      activity?.end();
      this.rejectPending.delete(rejectCall);
    });
  }

  private dispatch(events: readonly EngineEvent[]): void {
    for (const event of events) {
      this.track(event);
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          queueMicrotask(() => {
            throw error; // a listener's bug, rethrown where the page sees it, without stopping the others
          });
        }
      }
    }
  }

  /** Follows the engine's clock and times each batch from its `running` beacon to its `done` one. */
  private track(event: EngineEvent): void {
    if (event.type === 'stateChanged') this.clockMs = event.clockMs;
    if (event.type !== 'batchProgress' || this.failure) return;
    this.runningBatch?.activity.end();
    this.runningBatch = undefined;
    if (event.phase === 'running') {
      this.runningBatch = { batchTimeMs: event.batchTimeMs, activity: this.watchdog.begin(`batch ${event.batchTimeMs} ms`) };
    } else {
      this.clockMs = Math.max(this.clockMs, event.batchTimeMs);
    }
  }

  private unresponsive(description: string): void {
    const running = this.runningBatch;
    const what = running ? `Batch ${running.batchTimeMs} ms` : capitalize(description);
    const error = new RivuletError(
      'ENGINE_UNRESPONSIVE',
      `${what} did not finish within ${this.watchdog.limitMs} ms, so the engine's worker was terminated; ` +
        'a user function probably loops forever or runs far too long. Fix it, then load the pipeline into a new engine.',
    );
    this.shutDown(error, running?.batchTimeMs);
  }

  private shutDown(error: RivuletError, batchTimeMs?: number): void {
    if (this.failure) return;
    this.failure = error;
    this.watchdog.clear();
    this.runningBatch = undefined;
    this.terminateWorker();
    for (const reject of this.rejectPending) reject(error);
    this.rejectPending.clear();
    if (error.code === 'ENGINE_UNRESPONSIVE') {
      this.dispatch([
        {
          type: 'errorReported',
          source: 'engine',
          ...(batchTimeMs === undefined ? {} : { batchTimeMs }),
          error: serializeError(error),
        },
      ]);
    }
    this.dispatch([{ type: 'stateChanged', state: 'terminated', speed: 1, clockMs: this.clockMs }]);
  }

  private afterFailure(): RivuletError {
    const failure = this.failure!;
    if (failure.code === 'ENGINE_TERMINATED') return failure;
    return new RivuletError('ENGINE_TERMINATED', `The engine's worker was terminated: ${failure.message}`, { cause: failure });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
