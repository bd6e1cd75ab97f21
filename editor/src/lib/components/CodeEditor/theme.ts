import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/** Colours come from app.css's variables, so one theme serves light and dark. */
export const editorTheme = EditorView.theme({
  '&': {
    fontSize: '12px',
    color: 'var(--text)',
    backgroundColor: 'var(--surface-sunken)',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius-sm)',
  },
  '&.cm-focused': {
    outline: 'none',
    borderColor: 'var(--accent)',
    boxShadow: '0 0 0 3px var(--focus)',
  },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { padding: '6px 0', caretColor: 'var(--text)' },
  '.cm-line': { padding: '0 8px' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--accent-soft)',
  },
  '.cm-placeholder': { color: 'var(--text-faint)' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--focus)' },
  '.cm-tooltip': {
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius-sm)',
    backgroundColor: 'var(--surface-raised)',
    color: 'var(--text)',
    boxShadow: 'var(--shadow-md)',
  },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-lintRange-error': { backgroundColor: 'color-mix(in srgb, var(--danger) 14%, transparent)' },
});

export const highlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword, t.self], color: 'var(--syn-keyword)' },
    { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--syn-string)' },
    { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--syn-number)' },
    { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
    { tag: [t.propertyName], color: 'var(--syn-property)' },
    { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--syn-function)' },
    { tag: [t.typeName, t.className, t.namespace], color: 'var(--cat-state)' },
    { tag: [t.variableName, t.definition(t.variableName)], color: 'var(--syn-name)' },
    { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: 'var(--syn-operator)' },
    { tag: t.invalid, color: 'var(--danger)' },
  ]),
);
