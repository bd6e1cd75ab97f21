import { NarrowDependency } from './Dependency.js';
import { RDD } from './internal.js';
import type { Partition } from './Partition.js';
import type { TaskContext } from './TaskContext.js';

interface CoalescedPartition extends Partition {
  readonly parents: readonly number[];
}

/**
 * Merges contiguous runs of parent partitions into fewer partitions without a shuffle
 * (Spark: `CoalescedRDD`; there is no data locality to balance here, so runs are even).
 */
export class CoalescedRDD<T> extends RDD<T> {
  readonly className = 'CoalescedRDD';

  private parent: RDD<T> | undefined;

  constructor(
    parent: RDD<T>,
    private readonly maxPartitions: number,
  ) {
    super(parent.context, [new CoalescedDependency(parent, maxPartitions)], 'coalesce');
    this.parent = parent;
  }

  protected override clearDependencies(): void {
    this.parent = undefined;
  }

  protected getPartitions(): Partition[] {
    return groupParents(this.parent!.getNumPartitions(), this.maxPartitions).map((parents, index) => ({ index, parents }));
  }

  compute(split: Partition, context: TaskContext): Iterable<T> {
    const out: T[] = [];
    const parent = this.parent!;
    for (const p of (split as CoalescedPartition).parents) {
      for (const v of parent.iterator(parent.partitions[p]!, context)) out.push(v);
    }
    return out;
  }
}

class CoalescedDependency<T> extends NarrowDependency<T> {
  private readonly groups: number[][];
  constructor(rdd: RDD<T>, maxPartitions: number) {
    super(rdd);
    this.groups = groupParents(rdd.getNumPartitions(), maxPartitions);
  }
  getParents(partitionId: number): number[] {
    return this.groups[partitionId] ?? [];
  }
}

/** Splits `n` parent partitions into at most `max` contiguous, even runs. */
function groupParents(n: number, max: number): number[][] {
  const groups = Math.min(n, max);
  return Array.from({ length: groups }, (_, g) => {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    return Array.from({ length: end - start }, (_, i) => start + i);
  });
}
