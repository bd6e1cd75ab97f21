import { MAX_SPEED, MIN_SPEED, type CheckpointSummary } from 'rivulet';
import { checkpointLocation, isCheckpointing } from '../engine';
import type { PipelineStore } from './pipeline.svelte';
import { confirmTrust } from './run/confirmTrust';
import { EngineConnection } from './run/EngineConnection';
import { RunFeed } from './run/RunFeed';
import { engineKey, NOT_RECOVERABLE, RunLoader } from './run/RunLoader.svelte';
import { RunState } from './run/RunState.svelte';
import type { Toasts } from './toasts.svelte';

export { MAX_BATCHES, MAX_LOGS, MAX_PRINT_LINES, type LogEntry, type LogLevel, type NodeError, type RunConfirmation, type RunStatus } from '../engine';
export { NOT_RECOVERABLE } from './run/RunLoader.svelte';

/**
 * The editor's run of the pipeline: the engine in its Web Worker (`createEngine`, comlink), driven
 * by the run controls, and everything it reports — state, batch snapshots, logs, errors — as
 * Svelte state. Events are queued as they arrive and applied at most once per animation frame,
 * into bounded `$state.raw` arrays that are replaced, never mutated; the page does no work per
 * record. (Spark: the driver's web UI, fed by its listener bus.)
 *
 * The state lives in `RunState`; `RunFeed` applies the engine's events to it, `EngineConnection`
 * owns the worker, and `RunLoader` loads and recovers pipelines and keeps the run's checkpoint location.
 */
export class RunStore extends RunState {
  readonly #pipeline: PipelineStore;
  readonly #toasts: Toasts;
  /** Engine events, applied to this store once a frame. */
  readonly #feed = new RunFeed(this);
  readonly #engine = new EngineConnection((event) => this.#feed.onEvent(event));
  /** What the engine runs, and where that run checkpoints. */
  readonly #loader: RunLoader;

  /** Whether the pipeline on screen checkpoints (its `checkpoint.enabled`). */
  get isCheckpointing(): boolean {
    return isCheckpointing(this.#pipeline.settings);
  }
  /**
   * Whether Recover can restart the run from a checkpoint: the pipeline it restarts (the one
   * loaded, or else the one on screen) checkpoints. Recovery never turns checkpointing on.
   */
  get isRecoverable(): boolean {
    return isCheckpointing(this.#loader.recoverable);
  }
  /**
   * The IndexedDB name the run checkpoints to (`<name>:checkpoint` holds the checkpoints): taken
   * when the run is loaded and kept for it; until then, the one the pipeline on screen would use.
   */
  get checkpointName(): string {
    return this.#loader.checkpoint ?? checkpointLocation(this.#pipeline.settings);
  }

  /** The pipeline on the canvas was edited since it was loaded: the engine still runs the old one. */
  readonly isStale: boolean;

  constructor(pipeline: PipelineStore, toasts: Toasts) {
    super(pipeline);
    this.#pipeline = pipeline;
    this.#toasts = toasts;
    this.#loader = new RunLoader(this, pipeline, toasts, this.#engine, this.#feed);
    const key = $derived(engineKey(pipeline.spec));
    this.isStale = $derived(this.isActive && this.#loader.key !== undefined && key !== this.#loader.key);
  }

  // ---- Controls ----

  /**
   * Runs the pipeline on the engine's timer: resumes a paused run, or loads the pipeline on screen
   * into the worker and starts it. A pipeline from a link or a file runs only once the user has
   * confirmed it (`pipeline.markTrusted()`).
   */
  async run(): Promise<void> {
    if (this.status === 'paused') return this.resume();
    if (this.status === 'running' || this.busy) return;
    if (!(await this.#confirmTrust())) return;
    await this.#control(async () => {
      if (await this.#loader.loadFresh()) await this.#engine.live().start();
    });
  }

  /** Stops the timer after the batch in flight; `step()` and `resume()` go on from there. */
  pause(): Promise<void> {
    return this.#control(async () => {
      if (this.status === 'running') await this.#engine.current?.pause();
    });
  }

  resume(): Promise<void> {
    return this.#control(async () => {
      if (this.status === 'paused' || this.status === 'loaded') await this.#engine.current?.resume();
    });
  }

  /** Stops the pipeline's context. Its batches stay on screen; Run starts it again from the beginning. */
  stop(): Promise<void> {
    return this.#control(async () => {
      if (this.isActive) await this.#engine.current?.stop();
    });
  }

  /** Runs exactly one batch (loading the pipeline first if none is loaded); not while running on the timer. */
  async step(): Promise<void> {
    if (this.status === 'running' || this.busy) return;
    if (!this.isActive && !(await this.#confirmTrust())) return;
    await this.#control(async () => {
      if (this.isActive || (await this.#loader.loadFresh())) await this.#engine.live().step();
    });
  }

  /** Sets the playback speed, clamped to 0.25…4. */
  async setSpeed(factor: number): Promise<void> {
    const speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, factor));
    this.speed = speed;
    await this.#engine.current?.setSpeed(speed).catch((e: unknown) => this.#failedCall(e));
  }

  /** Ends the worker and forgets the run: batches, logs, errors, and what it loaded. */
  reset(): void {
    this.#engine.end();
    this.#feed.clearAll();
    this.#loader.forget();
    this.error = undefined;
    this.loaded = undefined;
    this.recovered = false;
    this.status = 'empty';
    this.busy = false;
  }

  /**
   * Kills the worker mid-run, as a driver failure would: nothing is stopped or flushed. Its
   * checkpoints stay in IndexedDB, so `recover()` can restart the pipeline from them.
   */
  simulateFailure(): void {
    if (!this.#engine.isStarted) return;
    this.#engine.end();
    this.error = {
      name: 'DriverFailure',
      message: 'The driver was killed mid-run (a simulated failure): its worker ended without stopping or flushing anything.',
    };
    this.status = 'failed';
    this.busy = false;
    this.runningBatchMs = undefined;
    this.#feed.log({ level: 'error', message: this.error.message });
  }

  /**
   * Restarts the pipeline in a new worker from its checkpoint (`load(spec, { recover: true })`,
   * as `StreamingContext.getOrCreate` does after a driver failure) and runs it on: from the
   * checkpoint at `location` (by default the run's own), or with `checkpointTime` from that older
   * checkpoint, the newer ones deleted. Only for a pipeline that checkpoints (`isRecoverable`).
   */
  async recover(checkpointTime?: number, location?: string): Promise<void> {
    if (this.busy) return;
    if (!this.isRecoverable) return this.#failedCall(new Error(NOT_RECOVERABLE));
    await this.#control(() => this.#loader.recover(checkpointTime, location));
  }

  /** The checkpoints in the run's IndexedDB store (or the store `name`), newest first. */
  listCheckpoints(name = this.checkpointName): Promise<readonly CheckpointSummary[]> {
    return this.#engine.live().listCheckpoints(name);
  }

  /** Deletes one checkpoint of the run's store (through the running engine, which holds its lock). */
  async deleteCheckpoint(time: number): Promise<void> {
    await this.#engine.live().deleteCheckpoint(time, this.checkpointName);
  }

  // ---- Calls ----

  /** Asks before running code from a link or a file; true once the pipeline is trusted. */
  #confirmTrust(): Promise<boolean> {
    return confirmTrust(this.#pipeline, (confirmation) => (this.confirmation = confirmation));
  }

  /** Runs a control call with the buttons waiting; a failed call is logged, never thrown at the page. */
  async #control(call: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await call();
    } catch (error) {
      this.#failedCall(error);
    } finally {
      this.busy = false;
    }
  }

  #failedCall(error: unknown): void {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENGINE_TERMINATED' || code === 'ENGINE_UNRESPONSIVE') return; // reported by the events already
    const message = error instanceof Error ? error.message : String(error);
    this.#feed.log({ level: 'error', message });
    this.#toasts.show(message, 'error');
  }
}
