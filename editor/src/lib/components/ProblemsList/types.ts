import type { PipelineProblem } from 'rivulet';

export interface ProblemsListProps {
  problems: readonly PipelineProblem[];
  /** The name to show for a node id (its label or operator). */
  nodeName: (id: string) => string | undefined;
  /** Called when a problem is clicked (the editor selects its node). */
  onpick: (problem: PipelineProblem) => void;
}
