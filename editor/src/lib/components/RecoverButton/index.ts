export { default as RecoverButton } from './RecoverButton.svelte';
export type { RecoverButtonProps } from './types';
