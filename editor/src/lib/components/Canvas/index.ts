export { default as Canvas } from './Canvas.svelte';
export type { CanvasProps } from './types';
