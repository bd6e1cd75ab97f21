import { ValidationError } from '../errors.js';
import { hashCode, nonNegativeMod } from '../util/hashCode.js';

/** Decides which partition a key goes to (Spark: `Partitioner`). */
export abstract class Partitioner {
  abstract readonly numPartitions: number;
  abstract getPartition(key: unknown): number;

  /** Two partitioners are equal when they send every key to the same partition. */
  abstract equals(other: Partitioner | undefined): boolean;

  /** @internal Work before the shuffle's map side runs (a range partitioner samples its keys). */
  prepare(): Promise<void> {
    return Promise.resolve();
  }
}

/** Partitions by the key's structural hash code modulo `numPartitions` (Spark: `HashPartitioner`). */
export class HashPartitioner extends Partitioner {
  constructor(readonly numPartitions: number) {
    super();
    if (!Number.isInteger(numPartitions) || numPartitions < 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `HashPartitioner: numPartitions ${numPartitions} is not a non-negative integer; pass for example 2.`,
      );
    }
  }

  getPartition(key: unknown): number {
    return key === null || key === undefined ? 0 : nonNegativeMod(hashCode(key), this.numPartitions);
  }

  equals(other: Partitioner | undefined): boolean {
    return other instanceof HashPartitioner && other.numPartitions === this.numPartitions;
  }
}

/** Where Spark takes `numPartitions` or a `Partitioner`, Rivulet takes either. */
export type PartitionerLike = number | Partitioner;

/** Resolves a `number | Partitioner` argument, falling back to `fallback()` when absent. */
export function toPartitioner(arg: PartitionerLike | undefined, fallback: () => Partitioner): Partitioner {
  if (arg === undefined) return fallback();
  return typeof arg === 'number' ? new HashPartitioner(arg) : arg;
}
