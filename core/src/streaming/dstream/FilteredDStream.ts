import type { RDD } from '../../rdd/internal.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** Keeps the elements that satisfy a predicate (Spark: `FilteredDStream`). */
export class FilteredDStream<T> extends OneParentDStream<T, T> {
  readonly className = 'FilteredDStream';

  constructor(
    parent: DStream<T>,
    private readonly predicate: (value: T) => boolean,
  ) {
    super(parent);
  }

  compute(validTime: Time): RDD<T> | undefined {
    return this.parent.getOrCompute(validTime)?.filter(this.predicate);
  }
}
