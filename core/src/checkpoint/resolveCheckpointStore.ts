import { currentPlatform } from '../platform/platform.js';
import type { Logger } from '../util/Logger.js';
import type { CheckpointStore } from './CheckpointStore.js';

/**
 * The store behind `ssc.checkpoint(dirOrStore)`: a store is used as given; a string is a location
 * the registered platform turns into its store (Node: a directory, browsers: an IndexedDB
 * database), reporting to `logger`. Throws `PLATFORM_NOT_REGISTERED` for a string when no
 * platform is registered. (Spark: `StreamingContext.checkpoint(directory)`.)
 */
export function resolveCheckpointStore(dirOrStore: string | CheckpointStore, logger: Logger): CheckpointStore {
  return typeof dirOrStore === 'string' ? currentPlatform().checkpointStore(dirOrStore, logger) : dirOrStore;
}
