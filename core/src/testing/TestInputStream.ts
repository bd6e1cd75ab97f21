import type { RDD } from '../rdd/internal.js';
import { InputDStream } from '../streaming/dstream/internal.js';
import type { StreamingContext } from '../streaming/StreamingContext.js';
import type { Time } from '../streaming/Time.js';

/**
 * Feeds literal batches into a context: batch i (1-based, at zeroTime + i × batch) gets
 * `input[i - 1]`, split into `numPartitions` partitions; later batches are empty, and a `null`
 * batch makes no RDD (Spark: `TestInputStream` in `TestSuiteBase`).
 */
export class TestInputStream<T> extends InputDStream<T> {
  readonly className = 'TestInputStream';

  constructor(
    context: StreamingContext,
    private readonly input: readonly (readonly T[] | null)[],
    private readonly numPartitions: number,
  ) {
    super(context);
  }

  override fingerprintParams(): Readonly<Record<string, number>> {
    return { numPartitions: this.numPartitions };
  }

  start(): void {}

  stop(): void {}

  compute(validTime: Time): RDD<T> | undefined {
    const index = validTime.minus(this.zeroTime!).div(this.slideDuration) - 1;
    const selected = index < this.input.length ? this.input[index] : [];
    // A `null` batch makes no RDD at all, so tests can check how operators handle a missing parent.
    if (selected === null || selected === undefined) return undefined;
    this.context.reportInputInfo(validTime, { inputStreamId: this.id, numRecords: selected.length });
    return this.context.rddContext.parallelize(selected, this.numPartitions);
  }
}
