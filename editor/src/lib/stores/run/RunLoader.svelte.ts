import type { LoadedPipeline, PipelineSpec } from 'rivulet';
import { checkpointLocation, clearCheckpoints, isCheckpointing } from '../../engine';
import type { PipelineStore } from '../pipeline.svelte';
import type { Toasts } from '../toasts.svelte';
import type { EngineConnection } from './EngineConnection';
import type { RunFeed } from './RunFeed';
import type { RunState } from './RunState.svelte';

/**
 * What the run's engine runs: loads the pipeline on screen into the worker, or recovers the
 * loaded one from its checkpoint in a new worker (`StreamingContext.getOrCreate`), and remembers
 * what was loaded — the spec, and where the run checkpoints, fixed for the run once it is loaded.
 */
export class RunLoader {
  readonly #run: RunState;
  readonly #pipeline: PipelineStore;
  readonly #toasts: Toasts;
  readonly #engine: EngineConnection;
  readonly #feed: RunFeed;

  /** The spec the worker runs, as loaded (undefined: nothing was loaded since the last reset). */
  spec = $state.raw<PipelineSpec | undefined>();
  /** What of `spec` matters to the engine (`engineKey`), to tell when the canvas has been edited since. */
  key = $state<string | undefined>();
  /** Where the loaded run checkpoints (undefined: it does not, or nothing is loaded). */
  checkpoint = $state<string | undefined>();
  /** The spec text the worker runs (recovery loads the same one). */
  #specText: string | undefined;

  constructor(run: RunState, pipeline: PipelineStore, toasts: Toasts, engine: EngineConnection, feed: RunFeed) {
    this.#run = run;
    this.#pipeline = pipeline;
    this.#toasts = toasts;
    this.#engine = engine;
    this.#feed = feed;
  }

  /** Loads the pipeline on screen into a live worker (starting one if needed), with a clean slate. */
  async loadFresh(): Promise<boolean> {
    const problems = this.#pipeline.problems.length;
    if (problems > 0) {
      this.#toasts.show(`Fix the pipeline's ${problems === 1 ? 'problem' : `${problems} problems`} before running it.`, 'error');
      return false;
    }
    const client = this.#engine.live();
    const spec = this.#pipeline.spec;
    const text = JSON.stringify(spec);
    // The location is taken now, and kept: renaming the pipeline mid-run does not move its checkpoints.
    const checkpoint = isCheckpointing(spec) ? checkpointLocation(spec) : undefined;
    const result = await client.load(text, { inspect: true, ...(checkpoint === undefined ? {} : { checkpoint }) });
    if (!result.ok) {
      this.#reportProblems(result.problems.map((p) => p.message));
      return false;
    }
    // A fresh run starts from nothing: the old checkpoints go, or a later recovery could pick one of them.
    if (checkpoint !== undefined) await clearCheckpoints(client, checkpoint);
    this.#feed.clearRun();
    this.#run.error = undefined;
    this.#loaded(result.pipeline, text, checkpoint);
    this.#feed.log({ level: 'info', message: `Loaded ${result.pipeline.name ?? 'the pipeline'}: ${result.pipeline.nodes.length} streams, ${result.pipeline.outputs.length} outputs.` });
    await client.setSpeed(this.#run.speed);
    return true;
  }

  /** The spec a recovery restarts: the one loaded, or else (after a reload) the one on screen. */
  get recoverable(): PipelineSpec {
    return this.spec ?? this.#pipeline.spec;
  }

  /**
   * Restarts the recoverable spec in a new worker from its checkpoint at `location` (by default
   * the run's), or from the checkpoint of `checkpointTime`, and runs it on. The spec must
   * checkpoint: a recovery never turns checkpointing on by itself.
   */
  async recover(checkpointTime: number | undefined, location: string | undefined): Promise<void> {
    const spec = this.recoverable;
    if (!isCheckpointing(spec)) throw new Error(NOT_RECOVERABLE);
    const text = this.#specText ?? JSON.stringify(spec);
    const checkpoint = location ?? this.checkpoint ?? checkpointLocation(spec);
    this.#engine.end();
    const client = this.#engine.connect();
    const result = await client.load(text, {
      inspect: true,
      recover: true,
      checkpoint,
      ...(checkpointTime === undefined ? {} : { checkpointTime }),
    });
    if (!result.ok) {
      this.#reportProblems(result.problems.map((p) => p.message));
      return;
    }
    const run = this.#run;
    this.#loaded(result.pipeline, text, checkpoint);
    run.error = undefined;
    // Batches after the checkpoint run again: the timeline keeps only those before it.
    const from = result.pipeline.clockMs;
    this.#feed.apply();
    run.batches = run.batches.filter((b) => b.batchTimeMs <= from);
    this.#feed.log({
      level: 'info',
      message: result.pipeline.recovered
        ? `Recovered from the checkpoint at ${from} ms; batches go on from there.`
        : 'No checkpoint to recover from: the pipeline starts from the beginning.',
    });
    await client.setSpeed(run.speed);
    await client.start();
  }

  /** Forgets what was loaded (the run was reset). */
  forget(): void {
    this.spec = undefined;
    this.key = undefined;
    this.checkpoint = undefined;
    this.#specText = undefined;
  }

  #loaded(pipeline: LoadedPipeline, text: string, checkpoint: string | undefined): void {
    this.#specText = text;
    this.spec = JSON.parse(text) as PipelineSpec;
    this.key = engineKey(this.spec);
    this.checkpoint = checkpoint;
    this.#run.loaded = pipeline;
    this.#run.recovered = pipeline.recovered;
  }

  #reportProblems(messages: readonly string[]): void {
    for (const message of messages) this.#feed.log({ level: 'error', message });
    this.#toasts.show(`The pipeline could not be loaded: ${messages[0] ?? 'unknown problem'}`, 'error');
  }
}

/** Why Recover is not offered for a pipeline that does not checkpoint. */
export const NOT_RECOVERABLE =
  'This pipeline does not checkpoint, so there is nothing to recover from. Turn Checkpointing on in its settings, then run it again: a run that checkpoints can be recovered.';

/** A spec without what the engine ignores (positions, labels, name, description): edits of those need no restart. */
export function engineKey(spec: PipelineSpec): string {
  const { batchDurationMs, checkpoint, nodes, edges } = spec;
  return JSON.stringify({ batchDurationMs, checkpoint, nodes: nodes.map(({ id, operator, params }) => ({ id, operator, params })), edges });
}
