export { default as DriverFailure } from './DriverFailure.svelte';
export type { DriverFailureProps } from './types';
