import type { Snippet } from 'svelte';

export interface HeaderProps {
  /** A JSON file the user picked to open. */
  onimport: (file: File) => void;
  onexport: () => void;
  onshare: () => void;
  oncode: () => void;
  /** Opens the gallery of example pipelines. */
  ongallery: () => void;
  /** The run region, between the pipeline's name and the file actions (the run controls). */
  controls?: Snippet;
}
