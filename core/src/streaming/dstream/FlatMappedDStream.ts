import type { RDD } from '../../rdd/internal.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** Applies a function that returns an iterable to every element and flattens the results (Spark: `FlatMappedDStream`). */
export class FlatMappedDStream<T, U> extends OneParentDStream<T, U> {
  readonly className = 'FlatMappedDStream';

  constructor(
    parent: DStream<T>,
    private readonly f: (value: T) => Iterable<U>,
  ) {
    super(parent);
  }

  compute(validTime: Time): RDD<U> | undefined {
    return this.parent.getOrCompute(validTime)?.flatMap(this.f);
  }
}
