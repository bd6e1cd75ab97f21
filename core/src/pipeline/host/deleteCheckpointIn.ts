import { resolveCheckpointStore } from '../../checkpoint/resolveCheckpointStore.js';
import type { Logger } from '../../util/Logger.js';

/** Deletes the checkpoint of batch time `time` at a location (the platform's store for it); the store is closed again. */
export async function deleteCheckpointIn(location: string, time: number, logger: Logger): Promise<void> {
  const store = resolveCheckpointStore(location, logger);
  try {
    await store.delete(time);
  } finally {
    await store.close();
  }
}
