import { CheckpointError } from '../errors.js';
import type { Logger } from '../util/Logger.js';
import type { StoredCheckpoint } from './CheckpointStore.js';

/** A checkpoint that was read and verified, or why it could not be. */
export type LoadedCheckpoint = StoredCheckpoint | { readonly problem: string };

/**
 * The newest checkpoint that loads, trying `times` newest first; each one skipped is reported to
 * `logger` with its reason (Spark: `CheckpointReader.read` tries the checkpoint files newest first
 * and logs the ones it cannot read). Throws `CHECKPOINT_CORRUPT` when `times` is not empty and
 * none loads.
 */
export async function latestValid(
  storeName: string,
  times: readonly number[],
  load: (time: number) => Promise<LoadedCheckpoint>,
  logger: Logger,
): Promise<StoredCheckpoint | undefined> {
  const problems: string[] = [];
  for (const time of [...times].sort((a, b) => b - a)) {
    const loaded = await load(time);
    if (!('problem' in loaded)) return loaded;
    problems.push(`checkpoint-${time}: ${loaded.problem}`);
    logger.warn(`Checkpoint store ${storeName}: skipping checkpoint-${time}, ${loaded.problem}.`);
  }
  if (problems.length === 0) return undefined;
  throw new CheckpointError(
    'CHECKPOINT_CORRUPT',
    `Checkpoint store ${storeName} has ${problems.length} checkpoint(s) and none verifies (${problems.join('; ')}). ` +
      'Restore the checkpoints from a backup, or delete them to start without recovery.',
  );
}
