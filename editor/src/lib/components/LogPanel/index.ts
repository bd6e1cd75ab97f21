export { default as LogPanel } from './LogPanel.svelte';
export type { LogFilter, LogPanelProps } from './types';
