import type { PipelineProblem } from 'rivulet';

export interface SidePanelProps {
  /** Called when a problem is clicked; the editor selects its node and brings it into view. */
  onpickproblem: (problem: PipelineProblem) => void;
}
