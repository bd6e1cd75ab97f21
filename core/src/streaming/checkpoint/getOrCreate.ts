import type { CheckpointStore } from '../../checkpoint/CheckpointStore.js';
import { resolveCheckpointStore } from '../../checkpoint/resolveCheckpointStore.js';
import { CheckpointError } from '../../errors.js';
import { consoleLogger, type Logger } from '../../util/Logger.js';
import { ReceivedBlockLog } from '../scheduler/ReceivedBlockLog.js';
import type { StreamingContext } from '../StreamingContext.js';
import { Time } from '../Time.js';
import { RecoveredCheckpoint } from './Checkpoint.js';
import { fingerprintDifferences, fingerprintOf } from './GraphFingerprint.js';

/** Options of `StreamingContext.getOrCreate`. */
export interface GetOrCreateOptions {
  /**
   * When the checkpoint cannot be read (no valid one although some exist, or one Rivulet cannot
   * parse), create a fresh context with the factory instead of rejecting (Spark: `createOnError`).
   * A rebuilt graph that differs from the checkpoint's is never an error it forgives. Default false.
   */
  createOnError?: boolean;
  /** Where reading problems are reported, before the context and its logger exist. Default: the console. */
  logger?: Logger;
  /**
   * Resume from the checkpoint of this batch time (ms) instead of the newest. The checkpoints
   * after it are deleted first: the resumed run goes on from that time and writes its own, so a
   * later recovery must not pick one from the abandoned run. Rejects with `CHECKPOINT_NOT_FOUND`
   * when the store has no valid checkpoint at that time. (Rivulet's addition.)
   */
  checkpointTime?: number;
}

/** What the factory passed to `getOrCreate` is told about the checkpoint it resumes from. */
export interface RecoveryInfo {
  /** The latest batch time of the checkpoint being resumed; `undefined` for a fresh start. */
  readonly checkpointTime: Time | undefined;
  /**
   * The pipeline spec stored with the checkpoint, when the graph was built from one (see
   * `StreamingContext.setPipelineSpec`): a spec-driven program rebuilds from it.
   */
  readonly pipelineSpec: string | undefined;
}

/**
 * `StreamingContext.getOrCreate`: reads the newest valid checkpoint in `pathOrStore`, **always**
 * runs `factory` to rebuild the program (JavaScript cannot serialise closures, so the graph is
 * rebuilt, as Structured Streaming does), checks that the rebuilt graph has the checkpoint's
 * shape, and returns a context that resumes from the checkpoint when started. Without a checkpoint
 * the factory's context is returned as it is, checkpointing to `pathOrStore`.
 *
 *   readLatest() ──▶ factory(info) ──▶ fingerprint check ──▶ read the write-ahead log ──▶ ssc
 *   (after rewinding to                 (CHECKPOINT_GRAPH_CHANGED)      (if enabled)
 *    options.checkpointTime)
 */
export async function getOrCreate(
  pathOrStore: string | CheckpointStore,
  factory: (info: RecoveryInfo) => StreamingContext | Promise<StreamingContext>,
  options: GetOrCreateOptions = {},
): Promise<StreamingContext> {
  const logger = options.logger ?? consoleLogger;
  const store = resolveCheckpointStore(pathOrStore, logger);
  const ownsStore = typeof pathOrStore === 'string';
  let checkpoint: RecoveredCheckpoint | undefined;
  try {
    if (options.checkpointTime !== undefined) await rewindTo(store, options.checkpointTime);
    const stored = await store.readLatest();
    checkpoint = stored && RecoveredCheckpoint.read(stored, store.name);
  } catch (error) {
    if (!options.createOnError) {
      if (ownsStore) await store.close().catch(() => undefined);
      throw error;
    }
    logger.warn(`getOrCreate: the checkpoint in ${store.name} cannot be read; creating a new context (createOnError)`, error);
  }

  let ssc: StreamingContext;
  try {
    ssc = await factory({
      checkpointTime: checkpoint && new Time(checkpoint.metadata.checkpointTimeMs),
      pipelineSpec: checkpoint?.pipelineSpec,
    });
  } catch (error) {
    if (ownsStore) await store.close().catch(() => undefined);
    throw error;
  }
  ssc.adoptCheckpointStore(store, ownsStore, pathOrStore);
  if (!checkpoint) return ssc;
  try {
    const differences = fingerprintDifferences(checkpoint.metadata.fingerprint, fingerprintOf(ssc.graph));
    if (differences.length > 0) {
      throw new CheckpointError(
        'CHECKPOINT_GRAPH_CHANGED',
        `The checkpoint in ${store.name} was written by a different pipeline: ${differences.join('; ')}. ` +
          'Run the program that wrote it, or start the changed one from a new checkpoint location.',
      );
    }
    const blockEvents = ssc.isWriteAheadLogEnabled ? await new ReceivedBlockLog(store.writeAheadLog, ssc.logger).readAll() : undefined;
    ssc.resumeFrom({ checkpoint, blockEvents });
  } catch (error) {
    await ssc.abandon();
    throw error;
  }
  return ssc;
}

/**
 * Deletes the checkpoints after `time`, so that `time`'s is the newest; `CHECKPOINT_NOT_FOUND`
 * (nothing deleted) when the store holds no valid checkpoint at `time`.
 *
 *   before:  1000  2000  3000  4000      rewindTo(2000)
 *   after:   1000  2000                  readLatest() → 2000
 */
async function rewindTo(store: CheckpointStore, time: number): Promise<void> {
  const checkpoints = await store.list();
  const target = checkpoints.find((c) => c.time === time);
  if (!target?.valid) {
    const why = target ? `it does not verify (${target.problem ?? 'unknown problem'})` : 'there is none at that time';
    const times = checkpoints.filter((c) => c.valid).map((c) => c.time);
    throw new CheckpointError(
      'CHECKPOINT_NOT_FOUND',
      `getOrCreate: cannot resume from the checkpoint of ${time} ms in ${store.name}: ${why}. ` +
        (times.length > 0 ? `Valid checkpoints: ${times.join(', ')} ms.` : 'The store has no valid checkpoint.'),
    );
  }
  for (const checkpoint of checkpoints) if (checkpoint.time > time) await store.delete(checkpoint.time);
}
