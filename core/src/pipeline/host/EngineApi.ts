import type { CheckpointSummary } from '../../checkpoint/CheckpointStore.js';
import type { PipelineProblem } from '../PipelineProblem.js';
import type { EngineEvent, EngineState } from './EngineEvent.js';

/** Options of `EngineApi.load`. */
export interface LoadOptions {
  /**
   * Inspection mode (default true): every node's RDDs are kept in memory for the batch and each
   * completed batch sends a `batchInspected` snapshot (counts, samples, lineage). Off, batches
   * run as fast as the fluent API's, and snapshots carry only the `BatchInfo`.
   */
  readonly inspect?: boolean;
  /**
   * Rebuild the pipeline from its checkpoint (`StreamingContext.getOrCreate`), as after a driver
   * failure: a new worker loads the same spec with `recover: true`. Without a checkpoint this
   * starts fresh, as `getOrCreate` does.
   */
  readonly recover?: boolean;
  /** The checkpoint directory (Node) or store name (browser), instead of the spec's. */
  readonly checkpoint?: string;
  /**
   * With `recover`: resume from the checkpoint of this batch time (ms) instead of the newest one;
   * the checkpoints after it are deleted first (see `GetOrCreateOptions.checkpointTime`).
   */
  readonly checkpointTime?: number;
  /** The RDD context's master, `local[N]`. Default `local[2]`. */
  readonly master?: string;
}

/** A pipeline node as the engine built it. */
export interface LoadedNode {
  readonly nodeId: string;
  /** The DStream's id (`DStream.id`), as `StreamInputInfoJson.inputStreamId` and receivers name it. */
  readonly streamId: number;
  /** The DStream class, e.g. `ReducedWindowedDStream`. */
  readonly className: string;
}

/** What `load` built. */
export interface LoadedPipeline {
  readonly name?: string;
  readonly batchDurationMs: number;
  readonly nodes: readonly LoadedNode[];
  /** The output nodes' ids, in the order their output operations run. */
  readonly outputs: readonly string[];
  /** True when the context was recovered from a checkpoint. */
  readonly recovered: boolean;
  /** The engine clock's time: batch `k` after it runs at `clockMs + k × batchDurationMs`. */
  readonly clockMs: number;
}

/** `load`'s answer: the pipeline, or every problem of the spec (nothing was built). */
export type LoadResult =
  | { readonly ok: true; readonly pipeline: LoadedPipeline }
  | { readonly ok: false; readonly problems: readonly PipelineProblem[] };

/** What `step` ran. */
export interface StepResult {
  /** The batch time the clock reached (a batch whose outputs had nothing to run still counts). */
  readonly batchTimeMs: number;
}

/** The host's state, for a page that (re)attaches. */
export interface EngineStatus {
  readonly state: EngineState;
  readonly speed: number;
  readonly clockMs: number;
  readonly batchDurationMs: number | undefined;
}

/**
 * Receives the host's events in chunks (see `EventQueue` for how they are bounded). The host waits
 * for a returned promise before sending the next chunk, so a slow page slows delivery down
 * instead of piling messages up.
 */
export type EngineSubscriber = (events: readonly EngineEvent[]) => unknown;

/**
 * The engine host's API, as a page calls it through comlink (every method answers with a
 * promise). The host runs one pipeline at a time on a `ManualClock`: `step()` runs one batch,
 * `start()` runs batches on a real timer at `setSpeed` times real time, `pause()` stops that timer.
 * User functions are compiled and run only inside the host's worker.
 */
export interface EngineApi {
  /** Parses, validates and compiles a spec (replacing any loaded pipeline); problems come back as data. */
  load(specJson: string, options?: LoadOptions): Promise<LoadResult>;
  /** Starts the pipeline's context if needed and runs batches every batch interval ÷ speed of real time. */
  start(): Promise<void>;
  /** Stops running batches on the timer; settles after the batch in flight has finished. */
  pause(): Promise<void>;
  /** `start()` after `pause()`. */
  resume(): Promise<void>;
  /** Runs exactly one batch (starting the context if needed); only when not running on the timer. */
  step(): Promise<StepResult>;
  /** The real-time speed, 0.25 to 4 (2 = batches twice as often as the batch interval). */
  setSpeed(factor: number): Promise<void>;
  /** Stops the pipeline's context; the host can load another one. */
  stop(): Promise<void>;
  /** Sends events to `subscriber` (a comlink proxy across a worker boundary), replacing any previous one. */
  subscribe(subscriber: EngineSubscriber): Promise<void>;
  unsubscribe(): Promise<void>;
  status(): Promise<EngineStatus>;
  /** The checkpoints at `checkpoint`, or in the loaded pipeline's store, newest first. */
  listCheckpoints(checkpoint?: string): Promise<readonly CheckpointSummary[]>;
  /**
   * Deletes the checkpoint of batch time `time` at `checkpoint`, or in the loaded pipeline's store;
   * a missing one is fine. The loaded pipeline's location goes through its running context, which
   * holds the store's writer lock.
   */
  deleteCheckpoint(time: number, checkpoint?: string): Promise<void>;
}
