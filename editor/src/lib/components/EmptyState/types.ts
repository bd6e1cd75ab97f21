import type { Snippet } from 'svelte';
import type { IconName } from '../Icon';

export interface EmptyStateProps {
  icon: IconName;
  /** What will appear here, in a sentence. */
  children: Snippet;
}
