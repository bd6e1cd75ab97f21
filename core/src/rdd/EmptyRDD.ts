import { RDD, type RDDContext } from './internal.js';
import type { Partition } from './Partition.js';

/** An RDD with no partitions (Spark: `EmptyRDD`). */
export class EmptyRDD<T> extends RDD<T> {
  readonly className = 'EmptyRDD';

  constructor(context: RDDContext) {
    super(context, [], 'emptyRDD');
  }

  protected getPartitions(): Partition[] {
    return [];
  }

  compute(): Iterable<T> {
    return [];
  }
}
