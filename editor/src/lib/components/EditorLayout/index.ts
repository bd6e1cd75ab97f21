export { default as EditorLayout } from './EditorLayout.svelte';
export type { EditorLayoutProps } from './types';
