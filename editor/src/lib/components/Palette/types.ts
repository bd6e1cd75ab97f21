import type { OperatorCategory, OperatorEntry } from 'rivulet';

export interface PaletteProps {
  /** Called when an operator is picked with the keyboard or a click (a drag drops it on the canvas instead). */
  onadd: (operator: string) => void;
}

/** A palette section: the operators of one category that match the search. */
export interface PaletteGroup {
  readonly category: OperatorCategory;
  readonly title: string;
  readonly entries: readonly OperatorEntry[];
}

/** The drag data type that carries an operator's name from the palette to the canvas. */
export const OPERATOR_DRAG_TYPE = 'application/x-rivulet-operator';
