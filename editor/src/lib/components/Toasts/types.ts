export type { Toast, ToastKind } from '../../stores/toasts.svelte';
