/**
 * CodeMirror 6, set up for the editor's fields. `CodeEditor` loads this module on demand, so the
 * editor's first screen does not wait for it.
 */
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching } from '@codemirror/language';
import { linter } from '@codemirror/lint';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, placeholder as placeholderText } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import { functionDiagnostics } from './functionDiagnostics';
import { editorTheme, highlighting } from './theme';

export interface CodeMirrorOptions {
  readonly value: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly readonly: boolean;
  readonly typescript: boolean;
  readonly checkFunction: boolean;
  /** Called with the text after each edit by the user (not after `setValue`). */
  readonly onchange: (value: string) => void;
}

/** A mounted editor: its text can be replaced from outside, and it must be destroyed. */
export interface CodeMirrorHandle {
  setValue(value: string): void;
  destroy(): void;
}

/** Marks the transactions that bring in a value set from outside, which are not user edits. */
const fromOutside = Annotation.define<boolean>();

export function createCodeMirror(parent: HTMLElement, options: CodeMirrorOptions): CodeMirrorHandle {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.value,
      extensions: [
        minimalSetup,
        javascript({ typescript: options.typescript }),
        highlighting,
        bracketMatching(),
        EditorView.lineWrapping,
        editorTheme,
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        options.placeholder ? placeholderText(options.placeholder) : [],
        options.readonly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [],
        options.checkFunction ? linter((v) => functionDiagnostics(v.state), { delay: 150 }) : [],
        EditorView.updateListener.of((update) => {
          if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromOutside))) return;
          options.onchange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setValue(value) {
      if (value === view.state.doc.toString()) return;
      // Keep the cursor where it can stay (undo elsewhere should not throw it to the start).
      const head = Math.min(view.state.selection.main.head, value.length);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value }, selection: { anchor: head }, annotations: fromOutside.of(true) });
    },
    destroy() {
      view.destroy();
    },
  };
}
