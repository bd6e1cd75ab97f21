import type { Snippet } from 'svelte';

export interface DialogProps {
  /** Whether the dialog is shown; closing it (Escape, the × button, the backdrop) sets it false. */
  open: boolean;
  title: string;
  /** The body, rendered only while the dialog is open. */
  children: Snippet;
  /** Buttons at the bottom. */
  actions?: Snippet;
  /** A wider dialog, for code. */
  wide?: boolean;
}
