import type { StoredCheckpoint } from '../../checkpoint/CheckpointStore.js';
import { deserialize, serialize } from '../../checkpoint/serialize.js';
import { CheckpointError, messageOf } from '../../errors.js';
import type { DStream } from '../dstream/internal.js';
import type { SavedPartitioner, SavedRDD } from './DStreamCheckpointData.js';
import type { GraphFingerprint } from './GraphFingerprint.js';

/** Bumped when the metadata's shape changes, so an older Rivulet refuses what it cannot read. */
export const CHECKPOINT_FORMAT_VERSION = 1;

/** The part holding `CheckpointMetadata`. */
export const METADATA_PART = 'metadata';
/** The part holding the pipeline's JSON spec, when the graph was built from one (see `setPipelineSpec`). */
export const SPEC_PART = 'spec';

/** The part holding the partitions of stream `index`'s RDD at `timeMs`. */
export function rddPart(index: number, timeMs: number): string {
  return `rdd-${index}-${timeMs}`;
}

/** A checkpointed RDD as the metadata lists it; its partitions are the part `rddPart(stream, timeMs)`. */
export interface SavedRDDInfo {
  readonly timeMs: number;
  readonly numPartitions: number;
  readonly partitioner?: SavedPartitioner;
}

/** What one stream contributes: its checkpointed RDDs and its source position (Spark: a `DStreamCheckpointData`). */
export interface StreamCheckpoint {
  /** The stream's canonical index (see `GraphFingerprint`). */
  readonly index: number;
  readonly rdds: readonly SavedRDDInfo[];
  readonly position?: unknown;
}

/** Received blocks by batch, as stream index and block ids: what the pending batches were given. */
export interface CheckpointedBlocks {
  readonly allocated: readonly (readonly [number, readonly (readonly [number, readonly string[]])[]])[];
  readonly unallocated: readonly (readonly [number, readonly string[]])[];
}

/**
 * The metadata of a checkpoint (Spark: `Checkpoint`, minus the graph's closures, which the program
 * rebuilds). `checkpointTimeMs` is the latest batch generated when it was written, so every later
 * checkpoint is at least as recent as every earlier one, whichever event wrote it:
 *
 *   generate 3000 → checkpoint 3000 {pending 2000, 3000}
 *   complete 2000 → checkpoint 3000 {pending 3000}          (replaces the one above)
 *   complete 3000 → checkpoint 3000 {pending —}
 *   generate 4000 → checkpoint 4000 {pending 4000}
 */
export interface CheckpointMetadata {
  readonly version: number;
  readonly appName: string;
  readonly checkpointTimeMs: number;
  readonly batchDurationMs: number;
  readonly zeroTimeMs: number;
  /** Batches generated but not completed: they run again on recovery (Spark: `pendingTimes`). */
  readonly pendingTimesMs: readonly number[];
  readonly fingerprint: GraphFingerprint;
  /** The id each canonical stream had, so logged block stream ids can be mapped to the rebuilt graph. */
  readonly streamIds: readonly number[];
  readonly streams: readonly StreamCheckpoint[];
  readonly receivedBlocks: CheckpointedBlocks | undefined;
  readonly writeAheadLog: boolean;
}

/** Everything a metadata checkpoint is made from, gathered in the JobGenerator's loop. */
export interface CheckpointInput {
  readonly appName: string;
  readonly checkpointTimeMs: number;
  readonly batchDurationMs: number;
  readonly zeroTimeMs: number;
  readonly pendingTimesMs: readonly number[];
  readonly fingerprint: GraphFingerprint;
  /** The graph's streams in canonical order. */
  readonly streams: readonly DStream<unknown>[];
  /** Received blocks by stream id (`ReceiverTracker.describeBlocks`), `undefined` without receivers. */
  readonly receivedBlocks: CheckpointedBlocks | undefined;
  readonly writeAheadLog: boolean;
  readonly pipelineSpec: string | undefined;
}

/**
 * The parts of a metadata checkpoint: `metadata`, one `rdd-<stream>-<time>` per checkpointed RDD
 * still remembered (the same string every time, which the store keeps once), and `spec` if set.
 */
export function createCheckpointParts(input: CheckpointInput): Map<string, string> {
  const parts = new Map<string, string>();
  const indexOfId = new Map(input.streams.map((stream, index) => [stream.id, index]));
  const streams: StreamCheckpoint[] = [];
  input.streams.forEach((stream, index) => {
    const saved = stream.checkpointData.current();
    const position = stream.checkpointPosition();
    if (saved.length === 0 && position === undefined) return;
    for (const rdd of saved) parts.set(rddPart(index, rdd.timeMs), rdd.data);
    streams.push({
      index,
      rdds: saved.map(({ timeMs, numPartitions, partitioner }) => (partitioner ? { timeMs, numPartitions, partitioner } : { timeMs, numPartitions })),
      ...(position === undefined ? {} : { position }),
    });
  });
  const metadata: CheckpointMetadata = {
    version: CHECKPOINT_FORMAT_VERSION,
    appName: input.appName,
    checkpointTimeMs: input.checkpointTimeMs,
    batchDurationMs: input.batchDurationMs,
    zeroTimeMs: input.zeroTimeMs,
    pendingTimesMs: input.pendingTimesMs,
    fingerprint: input.fingerprint,
    streamIds: input.streams.map((stream) => stream.id),
    streams,
    receivedBlocks: input.receivedBlocks && mapBlockStreams(input.receivedBlocks, (id) => indexOfId.get(id) ?? -1),
    writeAheadLog: input.writeAheadLog,
  };
  parts.set(METADATA_PART, serialize(metadata));
  if (input.pipelineSpec !== undefined) parts.set(SPEC_PART, input.pipelineSpec);
  return parts;
}

/** A checkpoint read back: its metadata, and its parts for the RDDs and the spec. */
export class RecoveredCheckpoint {
  private constructor(
    readonly time: number,
    readonly metadata: CheckpointMetadata,
    private readonly parts: ReadonlyMap<string, string>,
  ) {}

  /**
   * Parses a stored checkpoint; a `CheckpointError` (CHECKPOINT_CORRUPT) if it is not one Rivulet
   * wrote, or was written by a newer format.
   */
  static read(stored: StoredCheckpoint, location: string): RecoveredCheckpoint {
    const text = stored.parts.get(METADATA_PART);
    if (text === undefined) throw corrupt(location, stored.time, `it has no '${METADATA_PART}' part`);
    let metadata: CheckpointMetadata;
    try {
      metadata = deserialize(text) as CheckpointMetadata;
    } catch (error) {
      throw corrupt(location, stored.time, messageOf(error), error);
    }
    if (typeof metadata !== 'object' || metadata === null || typeof metadata.version !== 'number') {
      throw corrupt(location, stored.time, 'its metadata is not a Rivulet checkpoint');
    }
    if (metadata.version > CHECKPOINT_FORMAT_VERSION) {
      throw corrupt(location, stored.time, `it has format ${metadata.version}; this Rivulet reads up to ${CHECKPOINT_FORMAT_VERSION}, so upgrade`);
    }
    for (const stream of metadata.streams) {
      for (const rdd of stream.rdds) {
        if (!stored.parts.has(rddPart(stream.index, rdd.timeMs))) {
          throw corrupt(location, stored.time, `its part '${rddPart(stream.index, rdd.timeMs)}' is missing`);
        }
      }
    }
    return new RecoveredCheckpoint(stored.time, metadata, stored.parts);
  }

  /** The pipeline spec stored with the checkpoint, if the graph was built from one. */
  get pipelineSpec(): string | undefined {
    return this.parts.get(SPEC_PART);
  }

  /** The checkpointed RDDs of stream `checkpoint`, with their partitions' data. */
  savedRDDs(checkpoint: StreamCheckpoint): SavedRDD[] {
    return checkpoint.rdds.map((rdd) => ({
      timeMs: rdd.timeMs,
      numPartitions: rdd.numPartitions,
      partitioner: rdd.partitioner,
      data: this.parts.get(rddPart(checkpoint.index, rdd.timeMs))!,
    }));
  }
}

/** `blocks` with each stream reference passed through `map` (stream id ↔ canonical index). */
export function mapBlockStreams(blocks: CheckpointedBlocks, map: (stream: number) => number): CheckpointedBlocks {
  return {
    allocated: blocks.allocated.map(([ms, streams]) => [ms, streams.map(([stream, ids]) => [map(stream), ids] as const)] as const),
    unallocated: blocks.unallocated.map(([stream, ids]) => [map(stream), ids] as const),
  };
}

function corrupt(location: string, time: number, reason: string, cause?: unknown): CheckpointError {
  return new CheckpointError(
    'CHECKPOINT_CORRUPT',
    `The checkpoint of batch ${time} ms in ${location} cannot be used: ${reason}.`,
    cause === undefined ? undefined : { cause },
  );
}
