export { default as NodeInspector } from './NodeInspector.svelte';
export { default as PipelineSettings } from './PipelineSettings.svelte';
export { default as ParamField } from './ParamField.svelte';
export type { DurationInputProps, JsonInputProps, ParamFieldProps } from './types';
