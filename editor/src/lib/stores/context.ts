import { createContext } from 'svelte';
import type { PipelineStore } from './pipeline.svelte';
import type { Theme } from './theme.svelte';
import type { Toasts } from './toasts.svelte';

/** The editor's stores, created once by `App` and read by any component below it. */
export interface EditorContext {
  readonly pipeline: PipelineStore;
  readonly theme: Theme;
  readonly toasts: Toasts;
}

export const [getEditor, setEditor] = createContext<EditorContext>();
