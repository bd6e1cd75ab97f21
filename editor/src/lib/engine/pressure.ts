import type { BatchSnapshot, NodeSnapshot } from 'rivulet';

/** How far behind the pipeline is: none, queues building up (amber), or falling behind (red). */
export type PressureLevel = 'none' | 'amber' | 'red';

export interface Pressure {
  readonly level: PressureLevel;
  /** The latest batch's real scheduling delay. */
  readonly delayMs: number;
  /** The real time between batches (batch interval ÷ speed). */
  readonly intervalMs: number;
  /** The node that took longest in the latest batch, where the queue builds up. */
  readonly bottleneck?: string;
}

/**
 * Backpressure, as Spark's scheduling delay shows it: when batches take longer than the interval,
 * each starts later than it was due and the delay grows. Red when the latest batch started more
 * than one interval late; amber when more than half an interval late and later than the batch
 * before (growing). The bottleneck is the node with the most compute time in the latest batch.
 */
export function pressureOf(recent: readonly BatchSnapshot[], intervalMs: number): Pressure {
  const latest = recent.at(-1);
  if (!latest) return { level: 'none', delayMs: 0, intervalMs };
  const previous = recent.at(-2);
  const delayMs = latest.schedulingDelayMs;
  const growing = previous === undefined || delayMs > previous.schedulingDelayMs;
  const level: PressureLevel = delayMs > intervalMs ? 'red' : delayMs > intervalMs / 2 && growing ? 'amber' : 'none';
  const bottleneck = slowest(latest.nodes)?.nodeId;
  return { level, delayMs, intervalMs, ...(bottleneck === undefined ? {} : { bottleneck }) };
}

function slowest(nodes: readonly NodeSnapshot[]): NodeSnapshot | undefined {
  let best: NodeSnapshot | undefined;
  for (const node of nodes) if (!best || node.computeMs > best.computeMs) best = node;
  return best;
}

/**
 * The edges on the way into `nodeId` (every edge whose target is it or one of its ancestors): the
 * path along which records queue when that node is the bottleneck.
 */
export function edgesInto(
  nodeId: string,
  edges: readonly { readonly id: string; readonly source: string; readonly target: string }[],
): Set<string> {
  const result = new Set<string>();
  const seen = new Set([nodeId]);
  const stack = [nodeId];
  while (stack.length > 0) {
    const target = stack.pop()!;
    for (const edge of edges) {
      if (edge.target !== target) continue;
      result.add(edge.id);
      if (!seen.has(edge.source)) {
        seen.add(edge.source);
        stack.push(edge.source);
      }
    }
  }
  return result;
}

/** Each rate-limited receiver's limit (records/s) as of `latest`, by the node id of its stream. */
export function rateLimitsOf(
  latest: BatchSnapshot | undefined,
  nodes: readonly { readonly nodeId: string; readonly streamId: number }[] | undefined,
): Map<string, number> {
  const limits = new Map<string, number>();
  for (const receiver of latest?.receivers ?? []) {
    const nodeId = nodes?.find((n) => n.streamId === receiver.streamId)?.nodeId;
    if (nodeId !== undefined && receiver.rateLimit !== undefined) limits.set(nodeId, receiver.rateLimit);
  }
  return limits;
}
