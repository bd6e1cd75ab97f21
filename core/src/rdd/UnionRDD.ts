import { RangeDependency } from './Dependency.js';
import { RDD, type RDDContext } from './internal.js';
import type { Partition } from './Partition.js';
import type { TaskContext } from './TaskContext.js';

interface UnionPartition extends Partition {
  readonly parent: RDD<unknown>;
  readonly parentPartition: Partition;
}

/** The partitions of several RDDs, one after another (Spark: `UnionRDD`). */
export class UnionRDD<T> extends RDD<T> {
  readonly className = 'UnionRDD';

  constructor(
    context: RDDContext,
    private rdds: RDD<T>[],
  ) {
    super(context, rangeDependencies(rdds), 'union');
  }

  protected override clearDependencies(): void {
    this.rdds = [];
  }

  protected getPartitions(): Partition[] {
    const partitions: UnionPartition[] = [];
    for (const rdd of this.rdds) {
      for (const p of rdd.partitions) partitions.push({ index: partitions.length, parent: rdd, parentPartition: p });
    }
    return partitions;
  }

  compute(split: Partition, context: TaskContext): Iterable<T> {
    const { parent, parentPartition } = split as UnionPartition;
    return (parent as RDD<T>).iterator(parentPartition, context);
  }
}

function rangeDependencies<T>(rdds: RDD<T>[]): RangeDependency<T>[] {
  let position = 0;
  return rdds.map((rdd) => {
    const dep = new RangeDependency(rdd, 0, position, rdd.getNumPartitions());
    position += rdd.getNumPartitions();
    return dep;
  });
}
