import { OneToOneDependency } from './Dependency.js';
import { RDD } from './internal.js';
import type { Partition } from './Partition.js';
import type { Partitioner } from './Partitioner.js';
import type { TaskContext } from './TaskContext.js';

/** Applies a function to each whole partition (Spark: `MapPartitionsRDD`). */
export class MapPartitionsRDD<T, U> extends RDD<U> {
  readonly className = 'MapPartitionsRDD';
  override readonly partitioner: Partitioner | undefined;
  /** Unset once a checkpoint replaces the lineage. */
  private parent: RDD<T> | undefined;

  constructor(
    parent: RDD<T>,
    private readonly f: (index: number, values: Iterable<T>) => Iterable<U>,
    creationSite: string,
    preservesPartitioning = false,
  ) {
    super(parent.context, [new OneToOneDependency(parent)], creationSite);
    this.parent = parent;
    this.partitioner = preservesPartitioning ? parent.partitioner : undefined;
  }

  protected override clearDependencies(): void {
    this.parent = undefined;
  }

  protected getPartitions(): Partition[] {
    return this.parent!.partitions;
  }

  compute(split: Partition, context: TaskContext): Iterable<U> {
    return this.f(split.index, this.parent!.iterator(split, context));
  }
}
