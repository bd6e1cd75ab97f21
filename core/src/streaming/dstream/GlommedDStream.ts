import type { RDD } from '../../rdd/internal.js';
import type { Time } from '../Time.js';
import { OneParentDStream, type DStream } from './internal.js';

/** Each partition of each batch as one array (Spark: `GlommedDStream`). */
export class GlommedDStream<T> extends OneParentDStream<T, T[]> {
  readonly className = 'GlommedDStream';

  constructor(parent: DStream<T>) {
    super(parent);
  }

  compute(validTime: Time): RDD<T[]> | undefined {
    return this.parent.getOrCompute(validTime)?.glom();
  }
}
