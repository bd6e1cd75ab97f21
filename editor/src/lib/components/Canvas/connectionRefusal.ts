import type { Connection } from '@xyflow/svelte';

type HandleType = 'source' | 'target';
import type { PipelineStore } from '../../stores/pipeline.svelte';

/** The ends of a connection being drawn, as Svelte Flow reports them (from either end). */
export interface DrawnConnection {
  readonly fromNodeId: string;
  readonly fromHandleId: string | null;
  readonly fromType: HandleType;
  readonly toNodeId: string;
  readonly toHandleId: string | null;
  readonly toType: HandleType;
}

/**
 * Why the connection being drawn may not be made, or undefined if it may: two inputs or two
 * outputs, or what `canConnect` says (a cycle, single values into a pair operator...). The
 * connection may be drawn from its target back to its source.
 */
export function connectionRefusal(pipeline: PipelineStore, drawn: DrawnConnection): string | undefined {
  if (drawn.fromType === drawn.toType) {
    return drawn.fromType === 'source'
      ? 'Connect an output (on the right of a node) to an input (on the left).'
      : 'Connect an input (on the left of a node) to an output (on the right).';
  }
  const fromSource = drawn.fromType === 'source';
  const connection: Connection = fromSource
    ? { source: drawn.fromNodeId, sourceHandle: drawn.fromHandleId, target: drawn.toNodeId, targetHandle: drawn.toHandleId }
    : { source: drawn.toNodeId, sourceHandle: drawn.toHandleId, target: drawn.fromNodeId, targetHandle: drawn.fromHandleId };
  const check = pipeline.check(connection);
  return check.ok ? undefined : check.reason;
}
