import { NarrowDependency } from './Dependency.js';
import { RDD } from './internal.js';
import type { Partition } from './Partition.js';
import type { TaskContext } from './TaskContext.js';

interface CartesianPartition extends Partition {
  readonly left: Partition;
  readonly right: Partition;
}

/** Every pair (x, y) of the two parents; partition i·n₂ + j pairs left i with right j (Spark: `CartesianRDD`). */
export class CartesianRDD<T, U> extends RDD<[T, U]> {
  readonly className = 'CartesianRDD';
  private left: RDD<T> | undefined;
  private right: RDD<U> | undefined;

  constructor(left: RDD<T>, right: RDD<U>) {
    const width = right.getNumPartitions();
    super(
      left.context,
      [new CartesianDependency(left, (p) => Math.floor(p / width)), new CartesianDependency(right, (p) => p % width)],
      'cartesian',
    );
    this.left = left;
    this.right = right;
  }

  protected override clearDependencies(): void {
    this.left = undefined;
    this.right = undefined;
  }

  protected getPartitions(): Partition[] {
    const partitions: CartesianPartition[] = [];
    for (const left of this.left!.partitions) {
      for (const right of this.right!.partitions) partitions.push({ index: partitions.length, left, right });
    }
    return partitions;
  }

  compute(split: Partition, context: TaskContext): Iterable<[T, U]> {
    const { left, right } = split as CartesianPartition;
    const rights = Array.from(this.right!.iterator(right, context));
    const out: [T, U][] = [];
    for (const x of this.left!.iterator(left, context)) for (const y of rights) out.push([x, y]);
    return out;
  }
}

class CartesianDependency<T> extends NarrowDependency<T> {
  constructor(
    rdd: RDD<T>,
    private readonly parentOf: (partitionId: number) => number,
  ) {
    super(rdd);
  }
  getParents(partitionId: number): number[] {
    return [this.parentOf(partitionId)];
  }
}
