import type { PipelineSpec } from 'rivulet';

/** What the gallery says about one example pipeline. */
export interface GalleryItem {
  /** The example's file name in `examples/pipelines/`, without `.json`. */
  readonly file: string;
  readonly title: string;
  /** Two to four sentences for a learner; `code` in backticks. */
  readonly explanation: string;
  /** The section of Spark's Streaming programming guide that explains the idea. */
  readonly guide?: { readonly section: string; readonly url: string };
  /** Things to try, in order (shown as a numbered list). */
  readonly steps?: readonly string[];
}

/** An example as the gallery shows it: its item and its spec. */
export interface GalleryEntry extends GalleryItem {
  readonly spec: PipelineSpec;
}

export interface GalleryProps {
  /** Whether the gallery dialog is shown. */
  open: boolean;
}

export interface ExampleNoteProps {
  /** Opens the gallery (the note links to the other examples). */
  ongallery: () => void;
}
