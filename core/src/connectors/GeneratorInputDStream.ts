import { ValidationError } from '../errors.js';
import type { RDD } from '../rdd/internal.js';
import { InputDStream } from '../streaming/dstream/internal.js';
import type { StreamingContext } from '../streaming/StreamingContext.js';
import type { Time } from '../streaming/Time.js';
import { syntheticRecords, type GeneratorStreamOptions, type MakeRecord } from './syntheticRecords.js';

/**
 * Synthetic data, generated per batch (Rivulet's addition, for examples, the editor and
 * benchmarks). Record k of the stream is due at zeroTime + k × 1000 / rate ms, and a batch holds
 * the records due in its interval [T − batch, T):
 *
 *   rate 3/s, batch 1 s:  records 0 1 2 | 3 4 5 | 6 7 8 ...      due at 0, 333, 666 | 1000, ...
 *                         batch 1000    | 2000  | 3000
 *
 * so a batch gets exactly rate × batch seconds records (on average, when that is not whole), and
 * each record is a pure function of (seed, k): the same seed and clock give the same batches, and
 * recomputing one batch needs nothing from the others. An input stream rather than a receiver:
 * nothing runs between batches, and no rate limiter or block timing can make a count inexact.
 */
export class GeneratorInputDStream<T> extends InputDStream<T> {
  readonly className = 'GeneratorInputDStream';
  private readonly ratePerSecond: number;
  private readonly makeRecord: MakeRecord<T>;
  private readonly numPartitions: number;
  private readonly options: GeneratorStreamOptions;

  constructor(context: StreamingContext, options: GeneratorStreamOptions) {
    super(context);
    const rate = options.ratePerSecond;
    if (!(rate > 0) || !Number.isFinite(rate)) {
      throw new ValidationError('INVALID_ARGUMENT', `generatorStream: ratePerSecond ${rate} is not a positive number; use e.g. 100.`);
    }
    this.ratePerSecond = rate;
    this.makeRecord = syntheticRecords(options) as MakeRecord<T>;
    this.numPartitions = options.numPartitions ?? context.rddContext.defaultParallelism;
    this.options = options;
  }

  /**
   * @internal The options, to tell a changed program on recovery. No position is checkpointed:
   * a record is a function of (seed, its index since the zero time), and recovery restores the zero time.
   */
  override fingerprintParams(): Readonly<Record<string, string | number | boolean>> {
    const params: Record<string, string | number | boolean> = { numPartitions: this.numPartitions };
    for (const [key, value] of Object.entries(this.options)) {
      if (value !== undefined) params[key] = typeof value === 'object' ? JSON.stringify(value) : (value as string | number);
    }
    return params;
  }

  start(): void {}

  stop(): void {}

  compute(validTime: Time): RDD<T> {
    const zeroMs = this.zeroTime!.milliseconds;
    const endMs = validTime.milliseconds - zeroMs;
    const first = this.recordsDueBefore(endMs - this.slideDuration.milliseconds);
    const end = this.recordsDueBefore(endMs);
    const records = new Array<T>(end - first);
    const msPerRecord = 1000 / this.ratePerSecond;
    for (let k = first; k < end; k++) records[k - first] = this.makeRecord(k, zeroMs + Math.floor(k * msPerRecord));
    this.context.reportInputInfo(validTime, { inputStreamId: this.id, numRecords: records.length });
    return this.context.rddContext.parallelize(records, this.numPartitions);
  }

  /** How many records are due before `ms` after zeroTime: ⌈ms × rate / 1000⌉, exact when that is whole. */
  private recordsDueBefore(ms: number): number {
    if (ms <= 0) return 0;
    const x = (ms * this.ratePerSecond) / 1000;
    const nearest = Math.round(x);
    // A rate like 0.1 makes x = 100.00000000000001 where it means 100.
    return Math.abs(x - nearest) < 1e-9 * Math.max(1, nearest) ? nearest : Math.ceil(x);
  }
}
