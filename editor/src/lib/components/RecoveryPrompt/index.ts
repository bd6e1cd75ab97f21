export { default as RecoveryPrompt } from './RecoveryPrompt.svelte';
export type { RecoveryPromptProps } from './types';
