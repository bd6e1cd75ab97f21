/** One slice of an RDD's data, identified by its index (Spark: `Partition`). */
export interface Partition {
  readonly index: number;
}

/** A partition that is nothing but its index. */
export function indexPartition(index: number): Partition {
  return { index };
}
