import type { RDD } from '../../rdd/internal.js';
import type { StreamingContext } from '../StreamingContext.js';
import { InputDStream } from './internal.js';

/**
 * Takes RDDs from a queue (an array the program keeps pushing to): one per batch, or all queued
 * ones at once; `defaultRDD` (or nothing) when it is empty (Spark: `QueueInputDStream`).
 */
export class QueueInputDStream<T> extends InputDStream<T> {
  readonly className = 'QueueInputDStream';

  constructor(
    context: StreamingContext,
    private readonly queue: RDD<T>[],
    private readonly oneAtATime: boolean,
    private readonly defaultRDD: RDD<T> | undefined,
  ) {
    super(context);
  }

  start(): void {}

  stop(): void {}

  compute(): RDD<T> | undefined {
    if (this.queue.length === 0) return this.defaultRDD;
    if (this.oneAtATime) return this.queue.shift();
    const all = this.queue.splice(0);
    return this.context.rddContext.union(all);
  }
}
