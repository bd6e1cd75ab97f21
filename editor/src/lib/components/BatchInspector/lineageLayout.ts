import { Graph, layout } from '@dagrejs/dagre';
import type { LineageEdge, LineageGraph, LineageNode } from 'rivulet';

/** A laid-out RDD: its box's top-left corner and size. */
export interface PlacedRdd {
  readonly rdd: LineageNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A laid-out dependency, as an SVG path. */
export interface PlacedDependency {
  readonly edge: LineageEdge;
  readonly path: string;
}

export interface LineageLayout {
  readonly rdds: readonly PlacedRdd[];
  readonly dependencies: readonly PlacedDependency[];
  readonly width: number;
  readonly height: number;
}

export const RDD_BOX = { width: 150, height: 38 } as const;

/** The part of `lineage` that `rddId` is computed from (itself and every ancestor). */
export function lineageOf(lineage: LineageGraph, rddId: number): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const keep = new Set([rddId]);
  const stack = [rddId];
  while (stack.length > 0) {
    const to = stack.pop()!;
    for (const edge of lineage.edges) {
      if (edge.to === to && !keep.has(edge.from)) {
        keep.add(edge.from);
        stack.push(edge.from);
      }
    }
  }
  return { nodes: lineage.nodes.filter((n) => keep.has(n.id)), edges: lineage.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

/**
 * Left-to-right layers of RDDs (parents left of children, as data flows), with dagre — the same
 * Sugiyama layout the canvas's auto-layout uses.
 */
export function layoutLineage(nodes: readonly LineageNode[], edges: readonly LineageEdge[]): LineageLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 10, ranksep: 26, marginx: 4, marginy: 4 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(String(node.id), { ...RDD_BOX });
  edges.forEach((edge, i) => g.setEdge(String(edge.from), String(edge.to), {}, `d${i}`));
  layout(g);
  const rdds = nodes.map((rdd) => {
    const { x, y } = g.node(String(rdd.id));
    return { rdd, x: x - RDD_BOX.width / 2, y: y - RDD_BOX.height / 2, ...RDD_BOX };
  });
  const at = new Map(rdds.map((r) => [r.rdd.id, r]));
  const dependencies = edges.map((edge) => {
    const from = at.get(edge.from)!;
    const to = at.get(edge.to)!;
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const mid = (x1 + x2) / 2;
    return { edge, path: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2 - 4},${y2}` };
  });
  const graph = g.graph();
  return { rdds, dependencies, width: graph.width ?? 0, height: graph.height ?? 0 };
}
