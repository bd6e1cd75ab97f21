export { default as Icon } from './Icon.svelte';
export type { IconName, IconProps } from './types';
