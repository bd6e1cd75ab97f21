import { RDD, type RDDContext } from './internal.js';
import type { Partition } from './Partition.js';

/** A block of records kept on the heap, as receivers push them. */
export interface RecordBlock<T> {
  readonly id: string;
  readonly records: readonly T[];
}

interface BlockPartition<T> extends Partition {
  readonly block: RecordBlock<T>;
}

/**
 * An RDD whose partitions are blocks already in memory, one partition per block and in block
 * order; no blocks make an empty RDD (Spark: `BlockRDD`, which reads its blocks from the block
 * manager). A receiver stream's batch is one of these.
 */
export class BlockRDD<T> extends RDD<T> {
  readonly className = 'BlockRDD';

  constructor(
    context: RDDContext,
    private readonly blocks: readonly RecordBlock<T>[],
    creationSite = 'receiverStream',
  ) {
    super(context, [], creationSite);
  }

  /** The ids of the blocks, in partition order (Spark: `BlockRDD.blockIds`). */
  get blockIds(): string[] {
    return this.blocks.map((block) => block.id);
  }

  protected getPartitions(): Partition[] {
    return this.blocks.map((block, index): BlockPartition<T> => ({ index, block }));
  }

  compute(split: Partition): Iterable<T> {
    return (split as BlockPartition<T>).block.records;
  }
}
