import type { EngineClient, PipelineSpec } from 'rivulet';
import { fileStem } from '../download';

/**
 * Where a pipeline checkpoints in the browser (`ssc.checkpoint(location)` writes to the IndexedDB
 * database `<location>:checkpoint`): its `checkpoint.directory` when set, or else a name derived
 * from the pipeline's name. A run takes it once, when it is loaded, and keeps it.
 */
export function checkpointLocation(spec: Pick<PipelineSpec, 'name' | 'checkpoint'>): string {
  return spec.checkpoint?.directory ?? `rivulet:${fileStem(spec.name)}`;
}

/** Whether a spec checkpoints (its `checkpoint.enabled`): only then can a run of it be recovered. */
export function isCheckpointing(spec: Pick<PipelineSpec, 'checkpoint'>): boolean {
  return spec.checkpoint?.enabled === true;
}

/** Deletes every checkpoint at `location` (a fresh run starts from nothing, or a recovery could pick an old one). */
export async function clearCheckpoints(client: EngineClient, location: string): Promise<void> {
  for (const { time } of await client.listCheckpoints(location)) await client.deleteCheckpoint(time, location);
}
