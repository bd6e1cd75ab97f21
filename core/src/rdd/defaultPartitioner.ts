import type { RDD } from './internal.js';
import { HashPartitioner, type Partitioner } from './Partitioner.js';

/** Spark's `Partitioner.defaultPartitioner`: reuse the largest parent's partitioner when it is big enough. */
export function defaultPartitioner(...rdds: RDD<unknown>[]): Partitioner {
  const withPartitioner = rdds.filter((r) => (r.partitioner?.numPartitions ?? 0) > 0);
  const maxPartitions = Math.max(...rdds.map((r) => r.getNumPartitions()));
  if (withPartitioner.length > 0) {
    const best = withPartitioner.reduce((a, b) => (b.getNumPartitions() > a.getNumPartitions() ? b : a));
    const eligible = Math.log10(maxPartitions) - Math.log10(best.getNumPartitions()) < 1;
    if (eligible || maxPartitions <= best.getNumPartitions()) return best.partitioner!;
  }
  return new HashPartitioner(maxPartitions);
}
