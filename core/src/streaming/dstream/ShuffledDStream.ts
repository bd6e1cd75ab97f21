import type { Aggregator } from '../../rdd/Aggregator.js';
import type { RDD } from '../../rdd/internal.js';
import type { Partitioner } from '../../rdd/Partitioner.js';
import type { Time } from '../Time.js';
import { partitionerFingerprint } from '../checkpoint/GraphFingerprint.js';
import { OneParentDStream, type DStream } from './internal.js';

/**
 * Combines each batch's values by key through a shuffle (Spark: `ShuffledDStream`). Its RDDs'
 * lineage names `operation`, the method the user called (`reduceByKey`, `groupByKey`…), as Spark's
 * call sites do, rather than the `combineByKey` it is built on.
 */
export class ShuffledDStream<K, V, C> extends OneParentDStream<[K, V], [K, C]> {
  readonly className = 'ShuffledDStream';

  constructor(
    parent: DStream<[K, V]>,
    private readonly aggregator: Aggregator<V, C>,
    private readonly partitioner: Partitioner,
    private readonly mapSideCombine: boolean,
    private readonly operation: string,
  ) {
    super(parent);
  }

  override fingerprintParams(): Readonly<Record<string, string | boolean>> {
    return { partitioner: partitionerFingerprint(this.partitioner), mapSideCombine: this.mapSideCombine };
  }

  override get checkpointPartitioner(): Partitioner {
    return this.partitioner;
  }

  compute(validTime: Time): RDD<[K, C]> | undefined {
    const { createCombiner, mergeValue, mergeCombiners } = this.aggregator;
    const rdd = this.parent.getOrCompute(validTime);
    return rdd?.context.withCreationSite(this.operation, () =>
      rdd.combineByKey(createCombiner, mergeValue, mergeCombiners, this.partitioner, this.mapSideCombine),
    );
  }
}
