/**
 * The one place that fixes the load order of the DStream classes: `DStream` first, then
 * `InputDStream`, then the rest. Every module in this folder imports DStream classes from here.
 */
export * from './DStream.js';
export * from './OneParentDStream.js';
export * from './InputDStream.js';
export * from './ReceiverInputDStream.js';
export * from './QueueInputDStream.js';
export * from './ForEachDStream.js';
export * from './MappedDStream.js';
export * from './FlatMappedDStream.js';
export * from './FilteredDStream.js';
export * from './GlommedDStream.js';
export * from './MapPartitionedDStream.js';
export * from './MapValuedDStream.js';
export * from './FlatMapValuedDStream.js';
export * from './ShuffledDStream.js';
export * from './TransformedDStream.js';
export * from './UnionDStream.js';
export * from './WindowedDStream.js';
export * from './ReducedWindowedDStream.js';
export * from './StateDStream.js';
export * from './InternalMapWithStateDStream.js';
export * from './MapWithStateDStream.js';
