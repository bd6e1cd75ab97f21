export { default as StreamingCharts } from './StreamingCharts.svelte';
export type { ChartPoint, ChartReference, StreamingChartsProps } from './types';
