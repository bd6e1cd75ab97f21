import type { Snippet } from 'svelte';
import type { IconName } from '../Icon';

/** A tab of the run dock that another feature adds (EditorLayout passes them: checkpoints…). */
export interface DockTab {
  readonly id: string;
  readonly label: string;
  readonly icon?: IconName;
  /** A count shown beside the label. */
  readonly badge?: number;
  readonly content: Snippet;
}

export interface RunDockProps {
  /** Tabs after the run's own (inspector, charts, log). */
  tabs?: readonly DockTab[];
  /** Brings a pipeline node into view on the canvas. */
  onrevealnode?: (nodeId: string) => void;
  /** The dock opened or closed, so the canvas above it changed size. */
  ontoggle?: (open: boolean) => void;
}
