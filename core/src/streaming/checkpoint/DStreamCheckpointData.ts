import { deserialize, serialize } from '../../checkpoint/serialize.js';
import { LocalCheckpointRDD, type RDD } from '../../rdd/internal.js';
import { HashPartitioner, type Partitioner } from '../../rdd/Partitioner.js';
import type { DStream } from '../dstream/internal.js';

/** How a checkpointed RDD was partitioned: a `HashPartitioner` is rebuilt as such, another kind from its stream. */
export interface SavedPartitioner {
  readonly kind: 'hash' | 'other';
  readonly numPartitions: number;
}

/**
 * One checkpointed RDD of a stream: its batch time, shape and serialised partitions. `data` is
 * produced once, when the job that computes the RDD completes, and handed unchanged to every
 * metadata checkpoint while the stream remembers the RDD — the store keeps one copy of it.
 */
export interface SavedRDD {
  readonly timeMs: number;
  readonly numPartitions: number;
  readonly partitioner: SavedPartitioner | undefined;
  readonly data: string;
}

/**
 * The checkpointed RDDs of one stream (Spark: `DStreamCheckpointData`, which keeps the checkpoint
 * files of the stream's RDDs by time). Where Spark writes each RDD to its own file during the job,
 * Rivulet serialises its partitions then and puts them in the metadata checkpoints as parts:
 *
 *   job of batch t ── rdd(t).checkpointWith(save) ── save: serialise once ── saved[t]
 *   metadata checkpoint at t, t + 1, … ── current() ── one part per RDD still remembered
 *   clearMetadata ── generatedRDDs forgets rdd(t) ── cleanup() forgets saved[t]
 *   recovery ── restore(saved) ── generatedRDDs[t] = the saved partitions, lineage already cut
 */
export class DStreamCheckpointData<T> {
  private readonly saved = new Map<number, SavedRDD>();

  constructor(private readonly stream: DStream<T>) {}

  /** The write step of the RDD generated at `timeMs` (see `RDD.checkpointWith`). */
  save(time: { readonly milliseconds: number }, rdd: RDD<T>, partitions: readonly (readonly T[])[]): void {
    const data = serialize(this.stream.encodeCheckpointPartitions(partitions));
    this.saved.set(time.milliseconds, {
      timeMs: time.milliseconds,
      numPartitions: partitions.length,
      partitioner: describePartitioner(rdd.partitioner),
      data,
    });
  }

  /** The saved RDDs the stream still remembers, oldest first (Spark: `DStreamCheckpointData.update`). */
  current(): SavedRDD[] {
    const generated = this.stream.generatedRDDs;
    return [...this.saved.values()].filter((s) => generated.has(s.timeMs)).sort((a, b) => a.timeMs - b.timeMs);
  }

  /** Forgets the saved RDDs the stream no longer remembers (Spark: `DStreamCheckpointData.cleanup`). */
  cleanup(): void {
    const generated = this.stream.generatedRDDs;
    for (const ms of this.saved.keys()) if (!generated.has(ms)) this.saved.delete(ms);
  }

  /**
   * Makes each saved RDD the stream's RDD at its time, already checkpointed, and keeps it saved so
   * later checkpoints carry it on (Spark: `DStreamCheckpointData.restore`).
   */
  restore(saved: readonly SavedRDD[]): void {
    const stream = this.stream;
    for (const entry of saved) {
      const partitions = stream.decodeCheckpointPartitions(deserialize(entry.data));
      const rdd = new LocalCheckpointRDD<T>(stream.context.rddContext, partitions, this.partitionerOf(entry));
      stream.generatedRDDs.set(entry.timeMs, rdd);
      this.saved.set(entry.timeMs, entry);
    }
  }

  /** How many RDDs are saved; for tests. */
  get size(): number {
    return this.saved.size;
  }

  private partitionerOf(entry: SavedRDD): Partitioner | undefined {
    const saved = entry.partitioner;
    if (!saved) return undefined;
    if (saved.kind === 'hash') return new HashPartitioner(saved.numPartitions);
    const own = this.stream.checkpointPartitioner;
    return own && own.numPartitions === saved.numPartitions ? own : undefined;
  }
}

function describePartitioner(partitioner: Partitioner | undefined): SavedPartitioner | undefined {
  if (!partitioner) return undefined;
  return { kind: partitioner instanceof HashPartitioner ? 'hash' : 'other', numPartitions: partitioner.numPartitions };
}
