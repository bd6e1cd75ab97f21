import { formatBatchTime } from '../../engine';

/** A size for people: `812 B`, `4.2 kB`, `1.3 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Number((bytes / 1000).toFixed(1))} kB`;
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

/**
 * What a checkpoint's parts hold, from their names (see `createCheckpointParts`): `metadata` (the
 * graph, pending batches, source positions), `spec` (the pipeline), and one `rdd-<stream>-<time>`
 * per checkpointed state or window RDD.
 */
export function describeParts(parts: readonly string[]): { readonly state: number; readonly text: string } {
  const state = parts.filter((p) => p.startsWith('rdd-')).length;
  const other = parts.filter((p) => !p.startsWith('rdd-'));
  const rdds = state === 0 ? [] : [`${state} state RDD${state === 1 ? '' : 's'}`];
  return { state, text: [...other, ...rdds].join(' · ') || 'no parts' };
}

/** `checkpoint at 6 s` for a title or a button. */
export function checkpointLabel(time: number): string {
  return `checkpoint at ${formatBatchTime(time)}`;
}
