import { Graph, layout } from '@dagrejs/dagre';
import type { XYPosition } from '@xyflow/svelte';

/** A box to place: a node's id and its measured size. */
export interface LayoutBox {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

/** Room around the graph when it is fitted to the view, as a fraction of its size. */
export const FIT_PADDING = 0.08;

/** The size assumed for a node that has not been measured yet. */
export const DEFAULT_NODE_SIZE = { width: 220, height: 96 } as const;

/**
 * Left-to-right layered positions (top-left corners) for a pipeline: sources in the first layer,
 * every node right of its inputs, crossings kept low (dagre's Sugiyama layout). Edges into a
 * node's `in` port are listed before those into `other`, so the main input tends to sit above.
 */
export function layeredLayout(
  boxes: readonly LayoutBox[],
  edges: readonly { readonly source: string; readonly target: string; readonly port?: string }[],
): Map<string, XYPosition> {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 84, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const box of boxes) g.setNode(box.id, { width: box.width, height: box.height });
  const sorted = [...edges].sort((a, b) => Number(a.port === 'other') - Number(b.port === 'other'));
  sorted.forEach((edge, i) => {
    if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target, {}, `e${i}`);
  });
  layout(g);
  const positions = new Map<string, XYPosition>();
  for (const box of boxes) {
    const { x, y } = g.node(box.id);
    // dagre gives centres; Svelte Flow positions are top-left corners.
    positions.set(box.id, { x: Math.round(x - box.width / 2), y: Math.round(y - box.height / 2) });
  }
  return positions;
}

/** A placed box: its top-left corner and size. */
export interface PlacedBox {
  readonly position: XYPosition;
  readonly width: number;
  readonly height: number;
}

/**
 * `wanted`, or the nearest spot below it where a box of `size` overlaps none of `placed` (with a
 * margin), so a node added at the middle of the view does not hide another.
 */
export function freePosition(placed: readonly PlacedBox[], wanted: XYPosition, size: { width: number; height: number }, margin = 24): XYPosition {
  const overlaps = (p: XYPosition) =>
    placed.some(
      (b) =>
        p.x < b.position.x + b.width + margin &&
        p.x + size.width + margin > b.position.x &&
        p.y < b.position.y + b.height + margin &&
        p.y + size.height + margin > b.position.y,
    );
  let position = wanted;
  for (let i = 0; i < 50 && overlaps(position); i++) position = { x: position.x, y: position.y + size.height / 2 };
  return position;
}
