/** How values of one key are combined in a shuffle (Spark: `Aggregator`). */
export interface Aggregator<V, C> {
  createCombiner(value: V): C;
  mergeValue(combiner: C, value: V): C;
  mergeCombiners(a: C, b: C): C;
}
