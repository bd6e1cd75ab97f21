export { default as StatusBadge } from './StatusBadge.svelte';
export type { StatusBadgeProps } from './types';
