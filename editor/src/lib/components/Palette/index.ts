export { default as Palette } from './Palette.svelte';
export { filterOperators } from './filterOperators';
export { OPERATOR_DRAG_TYPE, type PaletteGroup, type PaletteProps } from './types';
