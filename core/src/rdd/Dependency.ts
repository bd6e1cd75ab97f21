import type { Aggregator } from './Aggregator.js';
import type { Partitioner } from './Partitioner.js';
import type { RDD } from './RDD.js';

/** A link from a child RDD to one parent RDD (Spark: `Dependency`). */
export abstract class Dependency<T = unknown> {
  constructor(readonly rdd: RDD<T>) {}
}

/** Each child partition depends on a small, known set of parent partitions: no shuffle. */
export abstract class NarrowDependency<T = unknown> extends Dependency<T> {
  /** The parent partitions that child partition `partitionId` reads. */
  abstract getParents(partitionId: number): number[];
}

/** Child partition i reads parent partition i. */
export class OneToOneDependency<T = unknown> extends NarrowDependency<T> {
  getParents(partitionId: number): number[] {
    return [partitionId];
  }
}

/** Child partitions [outStart, outStart + length) read parent partitions [inStart, inStart + length) (used by union). */
export class RangeDependency<T = unknown> extends NarrowDependency<T> {
  constructor(
    rdd: RDD<T>,
    readonly inStart: number,
    readonly outStart: number,
    readonly length: number,
  ) {
    super(rdd);
  }

  getParents(partitionId: number): number[] {
    return partitionId >= this.outStart && partitionId < this.outStart + this.length
      ? [partitionId - this.outStart + this.inStart]
      : [];
  }
}

/**
 * Every child partition may read every parent partition: a stage boundary. The map side's
 * output lives on the dependency itself, so it is released with the RDDs that use it.
 */
export class ShuffleDependency<K = unknown, V = unknown, C = V> extends Dependency<[K, V]> {
  /**
   * @internal Map-side output: for each parent partition, one bucket per reduce partition, of
   * records or, with a map-side combine, of keys and combiners alternating (`[k0, c0, k1, c1, …]`).
   */
  mapOutputs: (unknown[][] | undefined)[] = [];

  constructor(
    rdd: RDD<[K, V]>,
    readonly partitioner: Partitioner,
    readonly shuffleId: number,
    readonly aggregator?: Aggregator<V, C>,
    readonly mapSideCombine = false,
  ) {
    super(rdd);
  }

  /** @internal True when every map partition's output is present. */
  isAvailable(): boolean {
    const n = this.rdd.getNumPartitions();
    for (let i = 0; i < n; i++) if (this.mapOutputs[i] === undefined) return false;
    return true;
  }

  /** @internal The buckets that reduce partition `reduceId` reads, one per map partition. */
  bucketsFor(reduceId: number): unknown[][] {
    return this.mapOutputs.map((buckets) => buckets![reduceId]!);
  }
}
