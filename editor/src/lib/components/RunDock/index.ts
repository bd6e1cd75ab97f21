export { default as RunDock } from './RunDock.svelte';
export type { DockTab, RunDockProps } from './types';
