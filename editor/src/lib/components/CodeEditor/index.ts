export { default as CodeEditor } from './CodeEditor.svelte';
export { functionProblem } from './functionProblem';
export type { CodeEditorProps } from './types';
