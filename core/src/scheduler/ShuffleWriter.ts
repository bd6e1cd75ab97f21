import type { ShuffleDependency } from '../rdd/Dependency.js';
import type { Sink } from '../rdd/sinks.js';
import { KeyMap } from '../util/KeyMap.js';

/** The map side of a shuffle: receives one partition's pairs and cuts them into one bucket per reduce partition. */
export interface ShuffleWriter<K, V> extends Sink<[K, V]> {
  /** Records received. */
  readonly recordsIn: number;
  /** The buckets, once every record has been pushed (see `ShuffleDependency.mapOutputs` for their layout). */
  finish(): unknown[][];
}

/** A writer for `dep`: combining by key on the map side when the dependency asks for it. */
export function shuffleWriterFor<K, V, C>(dep: ShuffleDependency<K, V, C>): ShuffleWriter<K, V> {
  return dep.aggregator && dep.mapSideCombine ? new CombiningWriter(dep) : new BucketingWriter(dep);
}

class BucketingWriter<K, V> implements ShuffleWriter<K, V> {
  recordsIn = 0;
  private readonly buckets: [K, V][][];

  constructor(private readonly dep: ShuffleDependency<K, V, unknown>) {
    this.buckets = Array.from({ length: dep.partitioner.numPartitions }, () => []);
  }

  push(pair: [K, V]): void {
    this.recordsIn++;
    this.buckets[this.dep.partitioner.getPartition(pair[0])]!.push(pair);
  }

  finish(): unknown[][] {
    return this.buckets;
  }
}

/**
 * Combines values per key first, so only one record per distinct key is hashed and shuffled.
 * Its buckets hold keys and combiners alternating, not a pair per key: map outputs live as long
 * as their shuffle, and a pair object each would be that much more for the garbage collector to copy.
 */
class CombiningWriter<K, V, C> implements ShuffleWriter<K, V> {
  recordsIn = 0;
  private readonly combined = new KeyMap<K, C>();
  private readonly create: (value: V) => C;
  private readonly merge: (combiner: C, value: V) => C;

  constructor(private readonly dep: ShuffleDependency<K, V, C>) {
    this.create = dep.aggregator!.createCombiner;
    this.merge = dep.aggregator!.mergeValue;
  }

  push(pair: [K, V]): void {
    this.recordsIn++;
    this.combined.combine(pair[0], pair[1], this.create, this.merge);
  }

  finish(): unknown[][] {
    const partitioner = this.dep.partitioner;
    const buckets: unknown[][] = Array.from({ length: partitioner.numPartitions }, () => []);
    this.combined.forEach((combiner, key) => buckets[partitioner.getPartition(key)]!.push(key, combiner));
    return buckets;
  }
}
