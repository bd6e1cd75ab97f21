import { parsePipelineSpec, type PipelineSpec } from 'rivulet';
import type { PipelineOrigin } from './stores/pipeline.svelte';

/** The localStorage key of the marker. */
const STORAGE_KEY = 'rivulet.runInProgress';

/**
 * A run that has not stopped cleanly: written while a checkpointing pipeline runs, removed when it
 * stops or is reset. One still there when the page loads means the page went away mid-run (a
 * reload, a crash), so the editor offers to recover the pipeline from its checkpoints.
 */
export interface RunMarker {
  /** The IndexedDB name the run checkpoints to (`RunStore.checkpointName`). */
  readonly checkpointName: string;
  /** The pipeline that ran. */
  readonly spec: PipelineSpec;
  /** Where that pipeline came from (the user had accepted its code to run it). */
  readonly origin: PipelineOrigin;
  /** When the run was marked (`Date.now()`). */
  readonly markedAt: number;
}

const origins: readonly PipelineOrigin[] = ['url', 'file', 'gallery', 'new'];

export function saveRunMarker(marker: RunMarker): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(marker));
  } catch {
    // Storage full or disabled: the page then cannot offer recovery after a reload, nothing worse.
  }
}

/** The marker left by the last page, if any and well formed (its spec is checked like any untrusted one). */
export function readRunMarker(): RunMarker | undefined {
  let text: string | null;
  try {
    text = localStorage.getItem(STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Record<keyof RunMarker, unknown>>;
    if (typeof value.checkpointName !== 'string' || !origins.includes(value.origin as PipelineOrigin)) return undefined;
    const parsed = parsePipelineSpec(JSON.stringify(value.spec));
    if (!('spec' in parsed)) return undefined;
    return {
      checkpointName: value.checkpointName,
      spec: parsed.spec,
      origin: value.origin as PipelineOrigin,
      markedAt: typeof value.markedAt === 'number' ? value.markedAt : 0,
    };
  } catch {
    return undefined;
  }
}

export function clearRunMarker(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // as above
  }
}
