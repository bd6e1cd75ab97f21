import type { PipelineProblem } from '../pipeline/PipelineProblem.js';

/** One problem as the CLI lists it: where (node, edge or JSON path), what, and its code. */
export function formatProblem(problem: PipelineProblem): string {
  const where =
    problem.nodeId !== undefined
      ? `node '${problem.nodeId}'${problem.param === undefined ? '' : ` (${problem.param})`}`
      : problem.edgeId !== undefined
        ? `edge '${problem.edgeId}'`
        : (problem.path ?? 'spec');
  return `  ${where}: ${problem.message} [${problem.code}]`;
}
