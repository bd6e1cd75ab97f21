import type { CheckpointSummary } from '../../checkpoint/CheckpointStore.js';
import { IllegalStateError, messageOf, PipelineValidationError } from '../../errors.js';
import { consoleLogger } from '../../util/Logger.js';
import { parsePipelineSpec } from '../parsePipelineSpec.js';
import { validatePipeline } from '../validatePipeline.js';
import { defaultInspectionLimits, type InspectionLimits } from './BatchInspector.js';
import type { EngineApi, EngineStatus, EngineSubscriber, LoadOptions, LoadResult, StepResult } from './EngineApi.js';
import type { EngineEvent, EngineState } from './EngineEvent.js';
import { defaultEventQueueLimits, EventQueue, type EventQueueLimits } from './EventQueue.js';
import { deleteCheckpointIn } from './deleteCheckpointIn.js';
import { listCheckpointsIn } from './listCheckpointsIn.js';
import { checkSpeed, Pacer } from './Pacer.js';
import { PipelineRun } from './PipelineRun.js';
import { realTimer, type RealTimer } from './RealTimer.js';
import { serializeError } from './serializeError.js';

/** Options of an `EngineHost`; tests inject the timer and tighten the limits. */
export interface EngineHostOptions {
  readonly timer?: RealTimer;
  readonly events?: EventQueueLimits;
  readonly inspection?: InspectionLimits;
}

/**
 * The engine side of the editor: runs one pipeline at a time, compiled from a `PipelineSpec`,
 * inside a worker (see `exposeEngineHost`), and sends what happens to one subscriber. The engine
 * always runs on a `ManualClock`: `step()` advances it one batch, `start()` lets a `Pacer` do so on
 * a real timer at `setSpeed` times real time — so batch times are the same deterministic multiples
 * of the interval however the pipeline is driven, and real durations (processing time, the
 * pacer's lateness as scheduling delay) are measured beside them. Events are coalesced by an
 * `EventQueue`, except the `batchProgress` beacons, which go out at once so the client's watchdog
 * can time each batch. (Spark: the driver, with its listener bus feeding the web UI.)
 */
export class EngineHost implements EngineApi {
  private state: EngineState = 'empty';
  private run: PipelineRun | undefined;
  private pacer: Pacer | undefined;
  private speed = 1;
  private subscriber: EngineSubscriber | undefined;
  private readonly timer: RealTimer;
  private readonly queue: EventQueue;
  private readonly inspection: InspectionLimits;
  /** Calls run one at a time, so a `stop()` never interleaves with a `step()`. */
  private calls: Promise<unknown> = Promise.resolve();

  constructor(options: EngineHostOptions = {}) {
    this.timer = options.timer ?? realTimer;
    this.inspection = options.inspection ?? defaultInspectionLimits;
    this.queue = new EventQueue((events) => this.deliver(events), this.timer, options.events ?? defaultEventQueueLimits);
  }

  load(specJson: string, options: LoadOptions = {}): Promise<LoadResult> {
    return this.serially(async () => {
      const parsed = parsePipelineSpec(specJson);
      if ('problems' in parsed) return { ok: false, problems: parsed.problems };
      const problems = validatePipeline(parsed.spec);
      if (problems.length > 0) return { ok: false, problems };
      if (await this.release()) this.setState('stopped');
      let run: PipelineRun;
      try {
        run = await PipelineRun.create(specJson, parsed.spec, options, (e) => this.queue.push(e), this.timer, this.inspection);
      } catch (error) {
        // An operator that failed to build (OPERATOR_FAILED) is a problem of the spec, like the others.
        if (error instanceof PipelineValidationError) return { ok: false, problems: error.problems };
        throw error;
      }
      this.run = run;
      this.pacer = new Pacer(this.timer, run.batchDurationMs, (dueAt) => this.pacedBatch(dueAt));
      this.pacer.setSpeed(this.speed);
      this.setState('loaded');
      return { ok: true, pipeline: run.describe() };
    });
  }

  start(): Promise<void> {
    return this.serially(async () => {
      const run = this.loaded('start');
      if (this.state === 'running') return;
      run.ensureStarted();
      this.pacer!.start();
      this.setState('running');
    });
  }

  pause(): Promise<void> {
    return this.serially(async () => {
      this.loaded('pause');
      if (this.state !== 'running') return;
      await this.pacer!.pause();
      this.setState('paused');
      await this.queue.flush();
    });
  }

  resume(): Promise<void> {
    return this.start();
  }

  step(): Promise<StepResult> {
    return this.serially(async () => {
      const run = this.loaded('step');
      if (this.state === 'running') {
        throw new IllegalStateError('ILLEGAL_STATE', 'step(): the pipeline is running on its timer; pause() it first.');
      }
      run.ensureStarted(); // graph mistakes throw here, before any state change
      if (this.state === 'loaded') this.setState('paused');
      run.dueAt = undefined;
      const batchTimeMs = await this.runBatch(run);
      await this.queue.flush();
      return { batchTimeMs };
    });
  }

  async setSpeed(factor: number): Promise<void> {
    checkSpeed(factor);
    this.pacer?.setSpeed(factor);
    this.speed = factor;
    if (this.state !== 'empty') this.setState(this.state);
  }

  stop(): Promise<void> {
    return this.serially(async () => {
      await this.release();
      if (this.state !== 'empty') this.setState('stopped');
      await this.queue.flush();
    });
  }

  async subscribe(subscriber: EngineSubscriber): Promise<void> {
    this.subscriber = subscriber;
    this.queue.push(this.stateEvent());
  }

  async unsubscribe(): Promise<void> {
    this.subscriber = undefined;
    this.queue.clear();
  }

  /**
   * The checkpoints at `checkpoint` (a directory or IndexedDB name), or else in the loaded
   * pipeline's store, newest first: what a "recover" button offers before it loads the same spec
   * with `{ recover: true }` into a new engine.
   */
  async listCheckpoints(checkpoint?: string): Promise<readonly CheckpointSummary[]> {
    if (checkpoint !== undefined) return listCheckpointsIn(checkpoint, consoleLogger);
    return this.run ? this.run.listCheckpoints() : [];
  }

  /**
   * Deletes checkpoint `time` at `checkpoint`, or else in the loaded pipeline's store. The loaded
   * pipeline's own location goes through its context's store, which holds the writer lock.
   */
  async deleteCheckpoint(time: number, checkpoint?: string): Promise<void> {
    const run = this.run;
    if (run && (checkpoint === undefined || checkpoint === run.checkpoint)) return run.deleteCheckpoint(time);
    if (checkpoint !== undefined) return deleteCheckpointIn(checkpoint, time, consoleLogger);
  }

  async status(): Promise<EngineStatus> {
    return {
      state: this.state,
      speed: this.speed,
      clockMs: this.run?.clock.getTimeMillis() ?? 0,
      batchDurationMs: this.run?.batchDurationMs,
    };
  }

  // ---- Internals ----

  /** One batch on the pacer's timer; a failure of the host itself pauses the pipeline. */
  private async pacedBatch(dueAt: number): Promise<void> {
    const run = this.run!;
    run.dueAt = dueAt;
    try {
      await this.runBatch(run);
    } catch (error) {
      this.queue.push({ type: 'errorReported', source: 'engine', error: serializeError(error) });
      void this.pause();
    }
  }

  private async runBatch(run: PipelineRun): Promise<number> {
    const batchTimeMs = run.clock.getTimeMillis() + run.batchDurationMs;
    this.beacon({ type: 'batchProgress', phase: 'running', batchTimeMs });
    try {
      return await run.runBatch();
    } finally {
      this.beacon({ type: 'batchProgress', phase: 'done', batchTimeMs });
    }
  }

  /** Stops the pacer and the loaded pipeline's context; false if none was loaded. */
  private async release(): Promise<boolean> {
    const run = this.run;
    if (!run) return false;
    await this.pacer!.pause();
    this.run = undefined;
    this.pacer = undefined;
    await run.stop();
    return true;
  }

  private loaded(operation: string): PipelineRun {
    if (this.run) return this.run;
    throw new IllegalStateError(
      'ENGINE_NOT_LOADED',
      `${operation}(): no pipeline is loaded${this.state === 'stopped' ? ' (it was stopped)' : ''}; call load(spec) first.`,
    );
  }

  private setState(state: EngineState): void {
    this.state = state;
    this.queue.push(this.stateEvent());
  }

  private stateEvent(): EngineEvent {
    return { type: 'stateChanged', state: this.state, speed: this.speed, clockMs: this.run?.clock.getTimeMillis() ?? 0 };
  }

  private serially<R>(call: () => Promise<R>): Promise<R> {
    const result = this.calls.then(call);
    this.calls = result.catch(() => undefined);
    return result;
  }

  /** A progress beacon, sent at once and not awaited (it must leave before a batch that may never end). */
  private beacon(event: EngineEvent): void {
    const subscriber = this.subscriber;
    if (!subscriber) return;
    try {
      void Promise.resolve(subscriber([event])).catch(() => undefined);
    } catch {
      // A subscriber that throws synchronously only loses its beacon.
    }
  }

  private async deliver(events: EngineEvent[]): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) return;
    try {
      await subscriber(events);
    } catch (error) {
      // The page's handler failed (or the page is gone); the host goes on.
      console.warn(`Rivulet engine host: the subscriber failed on ${events.length} events: ${messageOf(error)}`);
    }
  }
}
