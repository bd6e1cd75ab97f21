export { default as ProblemsList } from './ProblemsList.svelte';
export type { ProblemsListProps } from './types';
