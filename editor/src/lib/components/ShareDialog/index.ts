export { default as ShareDialog } from './ShareDialog.svelte';
export type { ShareDialogProps } from './types';
