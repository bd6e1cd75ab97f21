import { Milliseconds } from '../streaming/Duration.js';
import { nearestMultiples } from '../streaming/durationHints.js';
import { nodeName, paramProblems } from './paramProblems.js';
import type { PipelineProblem } from './PipelineProblem.js';
import type { JsonValue, PipelineEdge, PipelineNode, PortName } from './PipelineSpec.js';
import { isStateful, type ElementKind, type OperatorEntry, type OperatorParams } from './registry/OperatorEntry.js';
import { getOperator, operatorRegistry } from './registry/operatorRegistry.js';
import type { UsableSpec } from './specStructure.js';

/** An edge that reached a port of a known node. */
export interface AnalyzedEdge {
  readonly edge: PipelineEdge;
  /** The edge's id, or `edges[i]` for an edge without one. */
  readonly name: string;
  readonly source: AnalyzedNode;
  readonly port: PortName;
}

/** A node, its registry entry, its checked parameters and what the graph says about its output. */
export interface AnalyzedNode {
  readonly node: PipelineNode;
  readonly index: number;
  readonly entry: OperatorEntry | undefined;
  /** Defaults filled in, bad values left out. */
  readonly params: OperatorParams;
  /** The edges into each port, in spec order; only the first one counts. */
  readonly inputs: Map<PortName, AnalyzedEdge[]>;
  readonly outputs: AnalyzedEdge[];
  /** What the node's output carries; undefined for output operators. */
  kind: ElementKind | undefined;
  /** How often the node's stream produces an RDD, when the graph tells. */
  slideMs: number | undefined;
}

/** A spec's graph, checked: see `analyzeGraph`. */
export interface PipelineGraph {
  readonly nodes: ReadonlyMap<string, AnalyzedNode>;
  /** Dependencies first, spec order among the ready; nodes on or after a cycle are left out. */
  readonly order: readonly AnalyzedNode[];
  readonly problems: readonly PipelineProblem[];
}

/**
 * Checks everything beyond the spec's structure — operators, parameters, edges and ports,
 * cycles, element kinds and slides along the edges, windows, checkpointing, outputs — and works
 * out each node's output kind and slide (which `canConnect` reads).
 */
export function analyzeGraph(spec: UsableSpec): PipelineGraph {
  const problems: PipelineProblem[] = [];
  const nodes = new Map<string, AnalyzedNode>();
  const staticNames = new Map<string, string>();
  spec.nodes.forEach((node, index) => {
    const entry = getOperator(node.operator);
    let params: OperatorParams = {};
    if (!entry) {
      const guess = closestOperator(node.operator);
      problems.push({
        code: 'UNKNOWN_OPERATOR',
        nodeId: node.id,
        message: `Node '${node.id}': there is no operator '${node.operator}'; ${guess ? `did you mean '${guess}'? Otherwise ` : ''}pick one from the operator registry.`,
      });
    } else {
      const checked = paramProblems(entry, node);
      problems.push(...checked.problems);
      params = checked.params;
      // Static RDDs become program-level constants in exported code, so their names must differ.
      for (const name of Object.keys((params.staticRDDs as Record<string, JsonValue> | undefined) ?? {})) {
        const other = staticNames.get(name);
        if (other !== undefined) {
          problems.push({
            code: 'INVALID_PARAM',
            nodeId: node.id,
            param: 'staticRDDs',
            message: `${nodeName(node)}: the static RDD name '${name}' is also used by node '${other}'; rename one of them.`,
          });
        } else staticNames.set(name, node.id);
      }
    }
    nodes.set(node.id, { node, index, entry, params, inputs: new Map(), outputs: [], kind: undefined, slideMs: undefined });
  });

  connectEdges(spec.edges, nodes, problems);
  checkPorts(nodes, problems);
  const order = topologicalOrder(nodes, problems);
  propagate(order, spec.batchDurationMs, problems);
  checkCheckpointing(order, spec, problems);
  if (![...nodes.values()].some((n) => n.entry?.category === 'output')) {
    problems.push({
      code: 'NO_OUTPUT',
      message: 'The pipeline has no output operator, so no batch would ever run; add print or collect after the stream you want to see.',
    });
  }
  return { nodes, order, problems };
}

/** Attaches each edge to its nodes, reporting edges that cannot be (unknown ends, missing ports). */
function connectEdges(edges: readonly PipelineEdge[], nodes: Map<string, AnalyzedNode>, problems: PipelineProblem[]): void {
  edges.forEach((edge, i) => {
    const name = edge.id ?? `edges[${i}]`;
    const report = (code: PipelineProblem['code'], message: string, nodeId?: string): void => {
      problems.push({ code, ...(edge.id === undefined ? {} : { edgeId: edge.id }), ...(nodeId === undefined ? {} : { nodeId }), message: `Edge ${name}: ${message}` });
    };
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) report('UNKNOWN_NODE', `its source '${edge.source}' is not a node of the pipeline; connect an existing node or remove the edge.`);
    if (!target) report('UNKNOWN_NODE', `its target '${edge.target}' is not a node of the pipeline; connect an existing node or remove the edge.`);
    if (!source || !target) return;
    const port = edge.targetPort ?? 'in';
    if (source.entry?.category === 'output') {
      report('INVALID_PORT', `${nodeName(source.node)} is an output operator and has no output stream; connect the stream it consumes instead.`, source.node.id);
      return;
    }
    if (target.entry && !target.entry.inputs.some((p) => p.name === port)) {
      const ports = target.entry.inputs.map((p) => `'${p.name}'`);
      report(
        'INVALID_PORT',
        ports.length === 0
          ? `${nodeName(target.node)} is a source and takes no input; remove the edge.`
          : `${nodeName(target.node)} has no port '${port}', only ${ports.join(' and ')}; connect to ${ports[0]}${port === 'other' ? ', or use union or a join to combine two streams' : ''}.`,
        target.node.id,
      );
      return;
    }
    const analyzed: AnalyzedEdge = { edge, name, source, port };
    const incoming = target.inputs.get(port) ?? [];
    incoming.push(analyzed);
    target.inputs.set(port, incoming);
    source.outputs.push(analyzed);
  });
}

/** Each port of a known operator takes exactly one stream. */
function checkPorts(nodes: Map<string, AnalyzedNode>, problems: PipelineProblem[]): void {
  for (const analyzed of nodes.values()) {
    const { node, entry } = analyzed;
    if (!entry) continue;
    for (const port of entry.inputs) {
      const incoming = analyzed.inputs.get(port.name) ?? [];
      if (incoming.length === 0) {
        problems.push({
          code: 'MISSING_INPUT',
          nodeId: node.id,
          message: `${nodeName(node)}: nothing is connected to its '${port.name}' port; connect ${port.kind === 'pairs' ? 'a stream of [key, value] pairs' : 'a stream'} to it.`,
        });
      }
      for (const extra of incoming.slice(1)) {
        problems.push({
          code: 'PORT_TAKEN',
          nodeId: node.id,
          ...(extra.edge.id === undefined ? {} : { edgeId: extra.edge.id }),
          message:
            `${nodeName(node)}: its '${port.name}' port already takes '${incoming[0]!.source.node.id}', so edge ${extra.name} from '${extra.source.node.id}' is one too many; ` +
            'remove it, or merge the streams with union first.',
        });
      }
    }
  }
}

/**
 * Kahn's algorithm, taking the ready node that comes first in the spec each time — the order in
 * which the compiler builds streams and code export writes statements. Whatever is left is on a
 * cycle or after one; each cycle (strongly connected component) is reported once.
 */
function topologicalOrder(nodes: Map<string, AnalyzedNode>, problems: PipelineProblem[]): AnalyzedNode[] {
  const waiting = new Map<AnalyzedNode, number>();
  for (const n of nodes.values()) waiting.set(n, [...n.inputs.values()].reduce((sum, edges) => sum + edges.length, 0));
  const ready = [...nodes.values()].filter((n) => waiting.get(n) === 0);
  const order: AnalyzedNode[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a.index - b.index);
    const next = ready.shift()!;
    order.push(next);
    for (const { edge } of next.outputs) {
      const target = nodes.get(edge.target)!;
      const left = waiting.get(target)! - 1;
      waiting.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  if (order.length < nodes.size) {
    const placed = new Set(order);
    for (const cycle of stronglyConnected([...nodes.values()].filter((n) => !placed.has(n)))) {
      const members = new Set(cycle);
      const edges = cycle.flatMap((n) => n.outputs.filter((e) => members.has(nodes.get(e.edge.target)!)));
      if (cycle.length === 1 && edges.length === 0) continue; // after a cycle, not on one
      const ids = cycle.map((n) => `'${n.node.id}'`).join(', ');
      problems.push({
        code: 'CYCLE',
        nodeId: cycle[0]!.node.id,
        ...(edges[0]?.edge.id === undefined ? {} : { edgeId: edges[0].edge.id }),
        message:
          (cycle.length === 1 ? `Node ${ids} feeds itself` : `Nodes ${ids} form a cycle`) +
          ` (edges ${edges.map((e) => e.name).join(', ')}); a stream cannot depend on itself — remove one of these edges.`,
      });
    }
  }
  return order;
}

/** Tarjan's strongly connected components among `candidates`, each in spec order. */
function stronglyConnected(candidates: readonly AnalyzedNode[]): AnalyzedNode[][] {
  const inSet = new Set(candidates);
  const index = new Map<AnalyzedNode, number>();
  const low = new Map<AnalyzedNode, number>();
  const stack: AnalyzedNode[] = [];
  const onStack = new Set<AnalyzedNode>();
  const components: AnalyzedNode[][] = [];
  const successors = (n: AnalyzedNode): AnalyzedNode[] =>
    n.outputs.map((e) => e.edge.target).map((id) => candidates.find((c) => c.node.id === id)!).filter((c) => c && inSet.has(c));
  const visit = (n: AnalyzedNode): void => {
    index.set(n, index.size);
    low.set(n, index.get(n)!);
    stack.push(n);
    onStack.add(n);
    for (const m of successors(n)) {
      if (!index.has(m)) {
        visit(m);
        low.set(n, Math.min(low.get(n)!, low.get(m)!));
      } else if (onStack.has(m)) low.set(n, Math.min(low.get(n)!, index.get(m)!));
    }
    if (low.get(n) === index.get(n)) {
      const component: AnalyzedNode[] = [];
      let m: AnalyzedNode;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        component.push(m);
      } while (m !== n);
      components.push(component.sort((a, b) => a.index - b.index));
    }
  };
  for (const n of candidates) if (!index.has(n)) visit(n);
  return components.sort((a, b) => a[0]!.index - b[0]!.index);
}

/** Works out kinds and slides in dependency order, checking pair ports, equal slides and window multiples. */
function propagate(order: readonly AnalyzedNode[], batchDurationMs: number | undefined, problems: PipelineProblem[]): void {
  for (const analyzed of order) {
    const { node, entry, params } = analyzed;
    const first = (port: PortName): AnalyzedNode | undefined => analyzed.inputs.get(port)?.[0]?.source;
    if (!entry) {
      analyzed.kind = 'any';
      analyzed.slideMs = first('in')?.slideMs;
      continue;
    }
    const parents = entry.inputs.map((port) => ({ port, parent: first(port.name) }));
    for (const { port, parent } of parents) {
      if (port.kind === 'pairs' && parent?.kind === 'values') {
        problems.push({
          code: 'KIND_MISMATCH',
          nodeId: node.id,
          message:
            `${nodeName(node)} needs [key, value] pairs on its '${port.name}' port, but ${nodeName(parent.node)} yields single values; ` +
            'put a map that returns [key, value] in between, e.g. `word => [word, 1]`.',
        });
      }
    }
    let parentSlide = parents[0]?.parent?.slideMs;
    if (parents.length === 0) parentSlide = batchDurationMs;
    const slides = parents.map((p) => p.parent?.slideMs);
    if (slides.length === 2 && slides[0] !== undefined && slides[1] !== undefined && slides[0] !== slides[1]) {
      problems.push({
        code: 'SLIDE_MISMATCH',
        nodeId: node.id,
        message:
          `${nodeName(node)}: its inputs slide every ${slides[0]} ms ('${parents[0]!.parent!.node.id}') and ${slides[1]} ms ('${parents[1]!.parent!.node.id}'); ` +
          'window them to the same slide first.',
      });
    }
    analyzed.slideMs = parentSlide;
    if (entry.windowParams) {
      const windowMs = params[entry.windowParams.durationParam] as number | undefined;
      const slideMs = params[entry.windowParams.slideParam] as number | undefined;
      if (parentSlide !== undefined) {
        for (const [param, value, what] of [
          [entry.windowParams.durationParam, windowMs, 'window'],
          [entry.windowParams.slideParam, slideMs, 'slide'],
        ] as const) {
          if (value === undefined || value % parentSlide === 0) continue;
          problems.push({
            code: 'INVALID_WINDOW',
            nodeId: node.id,
            param,
            message:
              `${nodeName(node)}: ${what} ${value} ms is not a multiple of the parent's slide ${parentSlide} ms; ` +
              `use ${nearestMultiples(Milliseconds(value), Milliseconds(parentSlide))}.`,
          });
        }
      }
      analyzed.slideMs = slideMs ?? parentSlide;
    }
    analyzed.kind = outputKind(entry, params, parents.map((p) => p.parent?.kind));
  }
}

/** The kind of an operator's output, from its entry, parameters and input kinds. */
export function outputKind(entry: OperatorEntry, params: OperatorParams, inputs: readonly (ElementKind | undefined)[]): ElementKind | undefined {
  const output = entry.output;
  if (output === undefined) return undefined;
  if (typeof output === 'function') return output(params);
  if (output !== 'input') return output;
  const kinds = new Set(inputs.map((k) => k ?? 'any'));
  return kinds.size === 1 ? [...kinds][0]! : 'any';
}

/** Stateful operators need checkpointing, at an interval that is a multiple of their slide. */
function checkCheckpointing(order: readonly AnalyzedNode[], spec: UsableSpec, problems: PipelineProblem[]): void {
  const checkpoint = spec.checkpoint;
  for (const { node, entry, params, slideMs } of order) {
    if (!entry || !isStateful(entry, params)) continue;
    if (!checkpoint?.enabled) {
      problems.push({
        code: 'CHECKPOINT_REQUIRED',
        nodeId: node.id,
        message: `${nodeName(node)} keeps data across batches, which needs checkpointing; turn checkpointing on ("checkpoint": {"enabled": true}).`,
      });
      continue;
    }
    const interval = checkpoint.intervalMs;
    if (interval !== undefined && slideMs !== undefined && (interval < slideMs || interval % slideMs !== 0)) {
      problems.push({
        code: 'INVALID_CHECKPOINT_INTERVAL',
        nodeId: node.id,
        message:
          `${nodeName(node)}: the checkpoint interval ${interval} ms is not a multiple of its slide ${slideMs} ms; ` +
          `use ${nearestMultiples(Milliseconds(interval), Milliseconds(slideMs))}.`,
      });
    }
  }
}

/** The registry's name nearest to a misspelt one, if it is close (edit distance ≤ 3). */
function closestOperator(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const entry of operatorRegistry) {
    const d = editDistance(name.toLowerCase(), entry.name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [entry.name, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
