import { ValidationError } from '../errors.js';
import { RDD, type RDDContext } from './internal.js';
import type { Partition } from './Partition.js';

interface SlicePartition<T> extends Partition {
  readonly values: readonly T[];
}

/** A local collection cut into `numSlices` partitions (Spark: `ParallelCollectionRDD`). */
export class ParallelCollectionRDD<T> extends RDD<T> {
  readonly className = 'ParallelCollectionRDD';
  private readonly data: readonly T[];

  constructor(
    context: RDDContext,
    data: Iterable<T>,
    private readonly numSlices: number,
  ) {
    super(context, [], 'parallelize');
    if (!Number.isInteger(numSlices) || numSlices < 1) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `parallelize: numSlices ${numSlices} is not a positive integer; pass for example 2.`,
      );
    }
    this.data = Array.isArray(data) ? data.slice() : Array.from(data);
  }

  /** Partition p of P holds positions [⌊p·n/P⌋, ⌊(p+1)·n/P⌋), as Spark slices. */
  protected getPartitions(): Partition[] {
    const n = this.data.length;
    const p = this.numSlices;
    return Array.from({ length: p }, (_, index): SlicePartition<T> => ({
      index,
      values: this.data.slice(Math.floor((index * n) / p), Math.floor(((index + 1) * n) / p)),
    }));
  }

  compute(split: Partition): Iterable<T> {
    return (split as SlicePartition<T>).values;
  }
}
