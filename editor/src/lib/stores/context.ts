import { createContext } from 'svelte';
import type { CheckpointsStore } from './checkpoints.svelte';
import type { PipelineStore } from './pipeline.svelte';
import type { RunStore } from './run.svelte';
import type { Theme } from './theme.svelte';
import type { Toasts } from './toasts.svelte';

/** The editor's stores, created once by `App` and read by any component below it. */
export interface EditorContext {
  readonly pipeline: PipelineStore;
  readonly theme: Theme;
  readonly toasts: Toasts;
  /** The pipeline's run in the engine's worker (controls, batches, logs). */
  readonly run: RunStore;
  /** The checkpoints of the pipeline on screen, in IndexedDB (the Checkpoints panel, recovery). */
  readonly checkpoints: CheckpointsStore;
}

export const [getEditor, setEditor] = createContext<EditorContext>();
