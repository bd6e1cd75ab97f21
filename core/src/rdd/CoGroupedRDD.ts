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
    const deps = this.dependencies;
    const groups = new KeyMap<K, unknown[][]>();
    for (let i = 0; i < deps.length; i++) {
      const dep = deps[i] as Dependency<[K, unknown]>;
      if (dep instanceof ShuffleDependency) {
        for (const bucket of dep.bucketsFor(split.index) as [K, unknown][][]) {
          for (let j = 0; j < bucket.length; j++) addToGroup(groups, bucket[j]!, i, deps.length);
        }
      } else {
        for (const pair of dep.rdd.iterator(dep.rdd.partitions[split.index]!, context)) addToGroup(groups, pair, i, deps.length);
      }
    }
    return groups.toArray();
  }
}

function dependencyOn<K>(rdd: RDD<[K, unknown]>, partitioner: Partitioner): Dependency<[K, unknown]> {
  return rdd.partitioner?.equals(partitioner)
    ? new OneToOneDependency(rdd)
    : new ShuffleDependency(rdd, partitioner, rdd.context.newShuffleId());
}

/**
 * Files a pair's value under parent `i` in its key's group. The per-record hot path of every
 * cogroup and join: no closure or generator per record, and a parent's first value gets an array
 * of its own size, where a push onto `[]` would reserve 16 more slots.
 */
function addToGroup<K>(groups: KeyMap<K, unknown[][]>, pair: [K, unknown], i: number, numParents: number): void {
  const group = groups.get(pair[0]);
  if (group === undefined) {
    const created = new Array<unknown[]>(numParents);
    for (let g = 0; g < numParents; g++) created[g] = g === i ? [pair[1]] : [];
    groups.set(pair[0], created);
  } else if (group[i]!.length === 0) {
    group[i] = [pair[1]];
  } else {
    group[i]!.push(pair[1]);
  }
}
