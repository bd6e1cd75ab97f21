import type { LogLevel } from '../../stores/run.svelte';

export interface LogPanelProps {
  /** Brings a pipeline node into view on the canvas (its name was clicked). */
  onrevealnode?: (nodeId: string) => void;
}

/** The level filter: every entry, or one level. */
export type LogFilter = 'all' | LogLevel;
