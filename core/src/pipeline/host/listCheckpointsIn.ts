import type { CheckpointSummary } from '../../checkpoint/CheckpointStore.js';
import { resolveCheckpointStore } from '../../checkpoint/resolveCheckpointStore.js';
import type { Logger } from '../../util/Logger.js';

/** The checkpoints at a location (the platform's store for it), newest first; the store is closed again. */
export async function listCheckpointsIn(location: string, logger: Logger): Promise<CheckpointSummary[]> {
  const store = resolveCheckpointStore(location, logger);
  try {
    return await store.list();
  } finally {
    await store.close();
  }
}
