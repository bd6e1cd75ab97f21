export interface CodeEditorProps {
  /** The text; the editor follows changes made elsewhere (undo) without losing the cursor needlessly. */
  value: string;
  /** Called with the new text after every edit. */
  onchange?: (value: string) => void;
  /** The accessible name of the editing area. */
  label: string;
  placeholder?: string;
  readonly?: boolean;
  /** TypeScript highlighting instead of JavaScript (exported programs). */
  typescript?: boolean;
  /** Check the text as a pipeline function (one function expression), marking parse errors inline. */
  checkFunction?: boolean;
  /** Tallest the editor grows before it scrolls, in px. */
  maxHeight?: number;
  /** Called with the parse problem of the text (undefined when it parses), when `checkFunction` is on. */
  onproblem?: (message: string | undefined) => void;
}
