import type { RDD } from '../../rdd/internal.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** Applies a function to every value of a key-value stream, keeping keys and partitioning (Spark: `MapValuedDStream`). */
export class MapValuedDStream<K, V, W> extends OneParentDStream<[K, V], [K, W]> {
  readonly className = 'MapValuedDStream';

  constructor(
    parent: DStream<[K, V]>,
    private readonly f: (value: V) => W,
  ) {
    super(parent);
  }

  compute(validTime: Time): RDD<[K, W]> | undefined {
    return this.parent.getOrCompute(validTime)?.mapValues(this.f);
  }
}
