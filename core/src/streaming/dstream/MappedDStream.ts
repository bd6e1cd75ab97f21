import type { RDD } from '../../rdd/internal.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** Applies a function to every element (Spark: `MappedDStream`). */
export class MappedDStream<T, U> extends OneParentDStream<T, U> {
  readonly className = 'MappedDStream';

  constructor(
    parent: DStream<T>,
    private readonly f: (value: T) => U,
  ) {
    super(parent);
  }

  compute(validTime: Time): RDD<U> | undefined {
    return this.parent.getOrCompute(validTime)?.map(this.f);
  }
}
