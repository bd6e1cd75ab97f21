export { default as RunControls } from './RunControls.svelte';
export { SPEEDS, type RunControlsProps } from './types';
