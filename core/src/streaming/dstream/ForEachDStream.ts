import type { RDD } from '../../rdd/internal.js';
import { Job } from '../scheduler/Job.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** An output operation: runs a function on the parent's RDD of every batch (Spark: `ForEachDStream`). */
export class ForEachDStream<T> extends OneParentDStream<T, never> {
  readonly className = 'ForEachDStream';

  constructor(
    parent: DStream<T>,
    private readonly foreachFunc: (rdd: RDD<T>, time: Time) => void | Promise<void>,
    /** The output operator, as listeners and the editor name it (`print`, `foreachRDD`...). */
    readonly outputName: string,
  ) {
    super(parent);
  }

  override fingerprintParams(): Readonly<Record<string, string>> {
    return { output: this.outputName };
  }

  compute(): undefined {
    return undefined;
  }

  /** @internal Adds this output to the graph. */
  register(): void {
    this.context.graph.addOutputStream(this as ForEachDStream<unknown>);
  }

  override generateJob(time: Time, outputOpId: number): Job | undefined {
    const rdd = this.parent.getOrCompute(time);
    if (!rdd) return undefined;
    return new Job(time, outputOpId, this.outputName, async () => this.foreachFunc(rdd, time));
  }
}
