import { OneToOneDependency } from './Dependency.js';
import { RDD } from './internal.js';
import type { Partition } from './Partition.js';
import type { Partitioner } from './Partitioner.js';
import { ArraySink, type ElementOp, type Sink } from './sinks.js';
import type { TaskContext } from './TaskContext.js';

/**
 * The RDD of an element-wise narrow operator (map, filter, flatMap, mapValues...). Shown in
 * lineage as Spark shows it, `MapPartitionsRDD`. Unless it is cached, a chain of these fuses:
 * pushing a partition wraps the sink once per operator and lets the source push straight through.
 */
export class ElementwiseRDD<T, U> extends RDD<U> {
  readonly className = 'MapPartitionsRDD';
  override readonly partitioner: Partitioner | undefined;
  /** Unset once a checkpoint replaces the lineage. */
  private parent: RDD<T> | undefined;

  constructor(
    parent: RDD<T>,
    private readonly op: ElementOp<T, U>,
    preservesPartitioning = false,
  ) {
    super(parent.context, [new OneToOneDependency(parent)], op.name);
    this.parent = parent;
    this.partitioner = preservesPartitioning ? parent.partitioner : undefined;
  }

  protected override clearDependencies(): void {
    this.parent = undefined;
  }

  protected getPartitions(): Partition[] {
    return this.parent!.partitions;
  }

  compute(split: Partition, context: TaskContext): U[] {
    const out = new ArraySink<U>();
    this.parent!.pushPartition(split, context, this.op.sink(out));
    return out.values;
  }

  /** Unless cached, the fused pipeline's output: already an array of the caller's own. */
  override collectPartition(split: Partition, context: TaskContext): U[] {
    return this.isMaterialized ? super.collectPartition(split, context) : this.compute(split, context);
  }

  override pushPartition(split: Partition, context: TaskContext, sink: Sink<U>): void {
    if (this.isMaterialized) super.pushPartition(split, context, sink);
    else this.parent!.pushPartition(split, context, this.op.sink(sink));
  }
}
