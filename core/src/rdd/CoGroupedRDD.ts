import { OneToOneDependency, ShuffleDependency, type Dependency } from './Dependency.js';
import { RDD } from './internal.js';
import { indexPartition, type Partition } from './Partition.js';
import type { Partitioner } from './Partitioner.js';
import type { TaskContext } from './TaskContext.js';
import { KeyMap } from '../util/KeyMap.js';

/**
 * For each key, one array of values per parent (Spark: `CoGroupedRDD`). A parent already
 * partitioned by the same partitioner is read narrowly; the others are shuffled.
 */
export class CoGroupedRDD<K> extends RDD<[K, unknown[][]]> {
  readonly className = 'CoGroupedRDD';

  constructor(
    private rdds: RDD<[K, unknown]>[],
    override readonly partitioner: Partitioner,
  ) {
    super(rdds[0]!.context, rdds.map((rdd) => dependencyOn(rdd, partitioner)), 'cogroup');
  }

  protected override clearDependencies(): void {
    this.rdds = [];
  }

  protected getPartitions(): Partition[] {
    return Array.from({ length: this.partitioner.numPartitions }, (_, i) => indexPartition(i));
  }

  compute(split: Partition, context: TaskContext): Iterable<[K, unknown[][]]> {
    const n = this.rdds.length;
    const groups = new KeyMap<K, unknown[][]>();
    const emptyGroups = (): unknown[][] => Array.from({ length: n }, () => []);
    this.dependencies.forEach((dep, i) => {
      for (const [k, v] of recordsOf(dep as Dependency<[K, unknown]>, split, context)) {
        let group = groups.get(k);
        if (!group) groups.set(k, (group = emptyGroups()));
        group[i]!.push(v);
      }
    });
    return Array.from(groups.entries());
  }
}

function dependencyOn<K>(rdd: RDD<[K, unknown]>, partitioner: Partitioner): Dependency<[K, unknown]> {
  return rdd.partitioner?.equals(partitioner)
    ? new OneToOneDependency(rdd)
    : new ShuffleDependency(rdd, partitioner, rdd.context.newShuffleId());
}

function* recordsOf<K>(dep: Dependency<[K, unknown]>, split: Partition, context: TaskContext): Iterable<[K, unknown]> {
  if (dep instanceof ShuffleDependency) {
    for (const bucket of dep.bucketsFor(split.index)) yield* bucket as [K, unknown][];
  } else {
    yield* dep.rdd.iterator(dep.rdd.partitions[split.index]!, context);
  }
}
