/**
 * The one place that fixes the load order of the RDD classes: `RDD` first, then its subclasses.
 * Every module in this folder imports RDD classes from here, never from their files.
 */
export * from './RDD.js';
export * from './ParallelCollectionRDD.js';
export * from './EmptyRDD.js';
export * from './ElementwiseRDD.js';
export * from './MapPartitionsRDD.js';
export * from './UnionRDD.js';
export * from './CoalescedRDD.js';
export * from './ShuffledRDD.js';
export * from './CoGroupedRDD.js';
export * from './CartesianRDD.js';
export * from './ZippedWithIndexRDD.js';
export * from './LocalCheckpointRDD.js';
export * from './BlockRDD.js';
export * from './RDDContext.js';
