import type { BatchStatus } from '../../engine';

export interface StatusBadgeProps {
  /** How the batch went: `succeeded`, `failed` or `delayed`. */
  status: BatchStatus;
}
