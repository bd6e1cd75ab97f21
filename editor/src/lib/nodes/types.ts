import type { Node } from '@xyflow/svelte';

/** What a pipeline step is, which decides its colour and which handles it has. */
export type OperatorKind = 'source' | 'transformation' | 'output';

/** Accent colour per kind, shared by the node cards and the minimap. */
export const kindColors: Record<OperatorKind, string> = {
  source: '#1f9d74',
  transformation: '#4f6bed',
  output: '#d9822b',
};

/** Data of an operator node: the DStream operator's name and its argument as source text. */
export type OperatorData = { operator: string; kind: OperatorKind; argument: string };

export type OperatorNodeType = Node<OperatorData, 'operator'>;
