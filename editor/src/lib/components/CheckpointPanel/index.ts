export { default as CheckpointPanel } from './CheckpointPanel.svelte';
export { checkpointLabel, describeParts, formatBytes } from './describeCheckpoint';
export type { CheckpointPanelProps } from './types';
