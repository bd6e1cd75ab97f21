export { default as SidePanel } from './SidePanel.svelte';
export type { SidePanelProps } from './types';
