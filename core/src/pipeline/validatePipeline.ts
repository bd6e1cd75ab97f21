import { analyzeGraph } from './analyzeGraph.js';
import type { PipelineProblem } from './PipelineProblem.js';
import { checkStructure } from './specStructure.js';
import { unsafeValueProblems } from './untrustedJson.js';

/**
 * Every problem of a pipeline spec at once, each located (node, edge, parameter or JSON path)
 * and with a fix in its message; `[]` means `compilePipeline` will build it. In order: unsafe
 * values (prototype keys, nesting, size), the schema's structure, then operators, parameters
 * (functions are parsed, never run) and the graph — cycles, ports, pair kinds, slides, windows,
 * checkpointing and outputs. Safe on untrusted input and on the editor's main thread.
 */
export function validatePipeline(spec: unknown): PipelineProblem[] {
  const unsafe = unsafeValueProblems(spec);
  // Too large, too deep or not JSON: looking further could be slow or meaningless.
  if (unsafe.some((p) => p.code !== 'FORBIDDEN_KEY')) return unsafe;
  const structure = checkStructure(spec);
  if (!structure.usable) return [...unsafe, ...structure.problems];
  return [...unsafe, ...structure.problems, ...analyzeGraph(structure.usable).problems];
}
