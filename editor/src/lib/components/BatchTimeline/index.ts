export { default as BatchTimeline } from './BatchTimeline.svelte';
export { windowCoverage } from './windowCoverage';
export type { BatchTimelineProps } from './types';
