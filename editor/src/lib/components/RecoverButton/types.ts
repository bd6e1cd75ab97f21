export interface RecoverButtonProps {
  /** The button's `data-testid`. */
  testid?: string;
  /** The id of the text that explains what Recover will do. */
  describedby?: string;
}
