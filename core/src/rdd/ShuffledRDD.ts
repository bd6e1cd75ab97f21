import type { Aggregator } from './Aggregator.js';
import { ShuffleDependency } from './Dependency.js';
import { RDD } from './internal.js';
import { indexPartition, type Partition } from './Partition.js';
import type { Partitioner } from './Partitioner.js';
import { cloneValue } from '../util/cloneValue.js';
import { KeyMap } from '../util/KeyMap.js';

/**
 * The reduce side of a shuffle (Spark: `ShuffledRDD`): partition i gathers bucket i of every map
 * task's output and, with an aggregator, merges the values or map-side combiners of each key.
 */
export class ShuffledRDD<K, V, C = V> extends RDD<[K, C]> {
  readonly className = 'ShuffledRDD';
  private dependency: ShuffleDependency<K, V, C> | undefined;

  constructor(
    parent: RDD<[K, V]>,
    override readonly partitioner: Partitioner,
    creationSite: string,
    private readonly aggregator?: Aggregator<V, C>,
    private readonly mapSideCombine = false,
  ) {
    const dependency = new ShuffleDependency<K, V, C>(
      parent,
      partitioner,
      parent.context.newShuffleId(),
      aggregator,
      mapSideCombine,
    );
    super(parent.context, [dependency], creationSite);
    this.dependency = dependency;
  }

  protected getPartitions(): Partition[] {
    return Array.from({ length: this.partitioner.numPartitions }, (_, i) => indexPartition(i));
  }

  protected override clearDependencies(): void {
    this.dependency = undefined; // the map outputs go with it
  }

  override prepare(): Promise<void> {
    return this.partitioner.prepare();
  }

  compute(split: Partition): Iterable<[K, C]> {
    const buckets = this.dependency!.bucketsFor(split.index);
    const aggregator = this.aggregator;
    if (!aggregator) return ([] as [K, C][]).concat(...(buckets as [K, C][][])); // `flat()` is an order of magnitude slower
    const combined = new KeyMap<K, C>();
    if (this.mapSideCombine) {
      // Map outputs stay on the dependency and may be read again (a recomputed partition), so a
      // combiner is copied before `mergeCombiners` may mutate it, as Spark's deserialisation does.
      for (const bucket of buckets) {
        for (let i = 0; i < bucket.length; i += 2) {
          combined.combine(bucket[i] as K, bucket[i + 1] as C, cloneValue, aggregator.mergeCombiners);
        }
      }
    } else {
      for (const bucket of buckets as [K, V][][]) {
        for (let i = 0; i < bucket.length; i++) {
          const pair = bucket[i]!;
          combined.combine(pair[0], pair[1], aggregator.createCombiner, aggregator.mergeValue);
        }
      }
    }
    return combined.toArray();
  }
}
