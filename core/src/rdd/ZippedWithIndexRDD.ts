import { IllegalStateError } from '../errors.js';
import { OneToOneDependency } from './Dependency.js';
import { RDD } from './internal.js';
import type { Partition } from './Partition.js';
import type { TaskContext } from './TaskContext.js';

/**
 * Pairs each element with its global position (Spark: `ZippedWithIndexRDD`). Spark counts the
 * partitions with a job when the RDD is built; here actions are asynchronous, so the count runs
 * in `prepare()`, just before the first job that needs it.
 */
export class ZippedWithIndexRDD<T> extends RDD<[T, number]> {
  readonly className = 'ZippedWithIndexRDD';
  private startIndices: number[] | undefined;

  private parent: RDD<T> | undefined;

  constructor(parent: RDD<T>) {
    super(parent.context, [new OneToOneDependency(parent)], 'zipWithIndex');
    this.parent = parent;
  }

  protected override clearDependencies(): void {
    this.parent = undefined;
  }

  protected getPartitions(): Partition[] {
    return this.parent!.partitions;
  }

  override async prepare(): Promise<void> {
    if (this.startIndices) return;
    const parent = this.parent!;
    const n = parent.getNumPartitions();
    const counts = n > 1 ? await this.context.runJob(parent, (values) => values.length, range(n - 1)) : [];
    const starts = [0];
    for (const c of counts) starts.push(starts[starts.length - 1]! + c);
    this.startIndices = starts;
  }

  compute(split: Partition, context: TaskContext): Iterable<[T, number]> {
    if (!this.startIndices) throw new IllegalStateError('ILLEGAL_STATE', `${this}: computed before prepare().`);
    let index = this.startIndices[split.index]!;
    const out: [T, number][] = [];
    for (const v of this.parent!.iterator(split, context)) out.push([v, index++]);
    return out;
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
