export { default as EmptyState } from './EmptyState.svelte';
export type { EmptyStateProps } from './types';
