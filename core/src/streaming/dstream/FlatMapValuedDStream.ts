import type { RDD } from '../../rdd/internal.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** Applies an iterable-returning function to every value, one pair per result (Spark: `FlatMapValuedDStream`). */
export class FlatMapValuedDStream<K, V, W> extends OneParentDStream<[K, V], [K, W]> {
  readonly className = 'FlatMapValuedDStream';

  constructor(
    parent: DStream<[K, V]>,
    private readonly f: (value: V) => Iterable<W>,
  ) {
    super(parent);
  }

  compute(validTime: Time): RDD<[K, W]> | undefined {
    return this.parent.getOrCompute(validTime)?.flatMapValues(this.f);
  }
}
