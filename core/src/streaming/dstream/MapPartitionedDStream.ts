import type { RDD } from '../../rdd/internal.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** Applies a function to every partition of every batch (Spark: `MapPartitionedDStream`). */
export class MapPartitionedDStream<T, U> extends OneParentDStream<T, U> {
  readonly className = 'MapPartitionedDStream';

  constructor(
    parent: DStream<T>,
    private readonly f: (values: Iterable<T>) => Iterable<U>,
    private readonly preservePartitioning: boolean,
  ) {
    super(parent);
  }

  compute(validTime: Time): RDD<U> | undefined {
    return this.parent.getOrCompute(validTime)?.mapPartitions(this.f, this.preservePartitioning);
  }
}
