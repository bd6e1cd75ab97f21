import { analyzeGraph } from './analyzeGraph.js';
import { nodeName } from './paramProblems.js';
import type { PipelineProblemCode } from './PipelineProblem.js';
import type { PipelineSpec, PortName } from './PipelineSpec.js';

/** Whether an edge may be drawn, and if not, why (for the editor's connection cursor). */
export type ConnectCheck = { readonly ok: true } | { readonly ok: false; readonly code: PipelineProblemCode; readonly reason: string };

/**
 * Whether an edge from node `source` into port `port` of node `target` may be added to `spec`:
 * not if either node is unknown, the source is an output, the target has no such port or it is
 * already connected, the edge would close a cycle, a pair port would be fed single values, or
 * the target's two inputs would slide differently. Kinds and slides are worked out along the
 * spec's current edges.
 */
export function canConnect(spec: PipelineSpec, source: string, target: string, port: PortName = 'in'): ConnectCheck {
  const graph = analyzeGraph({ batchDurationMs: spec.batchDurationMs, checkpoint: spec.checkpoint, nodes: spec.nodes, edges: spec.edges });
  const no = (code: PipelineProblemCode, reason: string): ConnectCheck => ({ ok: false, code, reason });
  const from = graph.nodes.get(source);
  const to = graph.nodes.get(target);
  if (!from) return no('UNKNOWN_NODE', `There is no node '${source}'.`);
  if (!to) return no('UNKNOWN_NODE', `There is no node '${target}'.`);
  if (from.entry?.category === 'output') return no('INVALID_PORT', `${nodeName(from.node)} is an output operator and has no output stream.`);
  const targetPort = to.entry?.inputs.find((p) => p.name === port);
  if (to.entry && !targetPort) {
    return no(
      'INVALID_PORT',
      to.entry.inputs.length === 0 ? `${nodeName(to.node)} is a source and takes no input.` : `${nodeName(to.node)} has no port '${port}'.`,
    );
  }
  const taken = to.inputs.get(port)?.[0];
  if (taken) return no('PORT_TAKEN', `The '${port}' port of ${nodeName(to.node)} already takes '${taken.source.node.id}'; use union to merge streams.`);
  if (source === target || reaches(graph.nodes, target, source)) {
    return no('CYCLE', `${nodeName(from.node)} depends on ${nodeName(to.node)}, so this edge would make a cycle.`);
  }
  if (targetPort?.kind === 'pairs' && from.kind === 'values') {
    return no('KIND_MISMATCH', `${nodeName(to.node)} needs [key, value] pairs, but ${nodeName(from.node)} yields single values; map them to pairs first.`);
  }
  const sibling = to.entry?.inputs.find((p) => p.name !== port);
  const siblingSlide = sibling && to.inputs.get(sibling.name)?.[0]?.source.slideMs;
  if (siblingSlide !== undefined && from.slideMs !== undefined && siblingSlide !== from.slideMs) {
    return no('SLIDE_MISMATCH', `${nodeName(from.node)} slides every ${from.slideMs} ms but the other input of ${nodeName(to.node)} every ${siblingSlide} ms.`);
  }
  return { ok: true };
}

/** Whether `to` can be reached from `from` along the spec's edges. */
function reaches(nodes: ReturnType<typeof analyzeGraph>['nodes'], from: string, to: string): boolean {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of nodes.get(id)?.outputs ?? []) pending.push(edge.edge.target);
  }
  return false;
}
