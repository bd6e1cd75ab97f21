import { ValidationError } from '../errors.js';
import type { RDD } from './internal.js';
import { Partitioner } from './Partitioner.js';

/**
 * Sends keys to roughly equal sorted ranges (Spark: `RangePartitioner`). Spark samples the parent
 * when the partitioner is built; Rivulet's actions are asynchronous, so sampling happens in
 * `prepare()`, which the scheduler awaits before the shuffle's map side runs. Samples are taken
 * at evenly spaced positions, so the bounds are deterministic.
 */
export class RangePartitioner extends Partitioner {
  private bounds: unknown[] | undefined;

  constructor(
    readonly numPartitions: number,
    private readonly rdd: RDD<[unknown, unknown]>,
    private readonly compare: (a: unknown, b: unknown) => number,
  ) {
    super();
    // Zero is allowed, as in Spark: sorting an RDD with no partitions gives one with none.
    if (!Number.isInteger(numPartitions) || numPartitions < 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `RangePartitioner: numPartitions ${numPartitions} is not a non-negative integer; pass for example 2.`,
      );
    }
  }

  override async prepare(): Promise<void> {
    if (this.bounds || this.numPartitions <= 1) return;
    const perPartition = Math.ceil((20 * this.numPartitions) / Math.max(1, this.rdd.getNumPartitions()));
    const samples = await this.rdd.context.runJob(this.rdd, (pairs) => {
      const step = Math.max(1, pairs.length / perPartition);
      const keys: unknown[] = [];
      for (let i = 0; i < pairs.length; i += step) keys.push(pairs[Math.floor(i)]![0]);
      return { keys, weight: keys.length ? pairs.length / keys.length : 0 };
    });
    const candidates = samples.flatMap(({ keys, weight }) => keys.map((key) => ({ key, weight })));
    candidates.sort((a, b) => this.compare(a.key, b.key));
    this.bounds = determineBounds(candidates, this.numPartitions, this.compare);
  }

  getPartition(key: unknown): number {
    const bounds = this.bounds ?? [];
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(key, bounds[mid]) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  equals(other: Partitioner | undefined): boolean {
    return other === this;
  }
}

/** Spark's `RangePartitioner.determineBounds`: cut the weighted, sorted sample into equal-weight ranges. */
function determineBounds(
  candidates: { key: unknown; weight: number }[],
  partitions: number,
  compare: (a: unknown, b: unknown) => number,
): unknown[] {
  const total = candidates.reduce((sum, c) => sum + c.weight, 0);
  const step = total / partitions;
  const bounds: unknown[] = [];
  let cumulative = 0;
  let target = step;
  for (const { key, weight } of candidates) {
    cumulative += weight;
    if (cumulative >= target && bounds.length < partitions - 1) {
      if (bounds.length === 0 || compare(key, bounds[bounds.length - 1]) > 0) {
        bounds.push(key);
        target += step;
      }
    }
  }
  return bounds;
}
