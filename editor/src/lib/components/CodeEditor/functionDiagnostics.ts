import { syntaxTree } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorState } from '@codemirror/state';
import { functionProblem } from './functionProblem';

/**
 * CodeMirror diagnostics for a function parameter: the problem of `functionProblem`, placed at
 * the first error node of the Lezer syntax tree (the engine's message has no position), or over
 * the whole text when the tree finds none.
 */
export function functionDiagnostics(state: EditorState): Diagnostic[] {
  const message = functionProblem(state.doc.toString());
  if (message === undefined) return [];
  const length = state.doc.length;
  let from = 0;
  let to = length;
  if (message.startsWith('Syntax error')) {
    let found = false;
    syntaxTree(state).iterate({
      enter: (node) => {
        if (found) return false;
        if (!node.type.isError) return undefined;
        found = true;
        // Error nodes are often empty; mark at least one character, the last one at the very end.
        from = Math.min(node.from, Math.max(length - 1, 0));
        to = Math.max(node.to, Math.min(from + 1, length));
        return false;
      },
    });
  }
  return [{ from, to, severity: 'error', source: 'JavaScript', message }];
}
