import type { Node } from '@xyflow/svelte';
import type { JsonValue } from 'rivulet';

/** What an operator node carries: its registry operator, its parameters and its display name. */
export type OperatorNodeData = {
  operator: string;
  params: Readonly<Record<string, JsonValue>>;
  label?: string;
};

/** A pipeline node as Svelte Flow draws it; `PipelineStore` converts it to and from `PipelineNode`. */
export type OperatorFlowNode = Node<OperatorNodeData, 'operator'>;

/** Handle ids: the input ports are the spec's port names, the output handle is `out`. */
export const OUTPUT_HANDLE = 'out';
