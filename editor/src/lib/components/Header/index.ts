export { default as Header } from './Header.svelte';
export type { HeaderProps } from './types';
