export interface CanvasProps {
  /** Called with an operator dropped from the palette and where it landed, in flow coordinates. */
  ondropoperator: (operator: string, position: { x: number; y: number }) => void;
}
