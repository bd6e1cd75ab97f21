export { default as Toasts } from './Toasts.svelte';
export type { Toast, ToastKind } from './types';
