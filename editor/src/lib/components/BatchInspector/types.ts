export interface BatchInspectorProps {
  /** Brings a pipeline node into view on the canvas (an RDD of its was clicked). */
  onrevealnode?: (nodeId: string) => void;
}
