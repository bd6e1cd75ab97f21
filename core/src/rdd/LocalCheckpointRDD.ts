import { RDD, type RDDContext } from './internal.js';
import { indexPartition, type Partition } from './Partition.js';
import type { Partitioner } from './Partitioner.js';

/** The saved partitions of a locally checkpointed RDD; it has no parents (Spark: `LocalCheckpointRDD`). */
export class LocalCheckpointRDD<T> extends RDD<T> {
  readonly className = 'LocalCheckpointRDD';

  constructor(
    context: RDDContext,
    private readonly saved: readonly T[][],
    override readonly partitioner: Partitioner | undefined,
  ) {
    super(context, [], 'localCheckpoint');
  }

  protected getPartitions(): Partition[] {
    return this.saved.map((_, i) => indexPartition(i));
  }

  compute(split: Partition): Iterable<T> {
    return this.saved[split.index]!;
  }
}
