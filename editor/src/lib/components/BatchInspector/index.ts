export { default as BatchInspector } from './BatchInspector.svelte';
export type { BatchInspectorProps } from './types';
