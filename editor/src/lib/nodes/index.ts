import type { NodeTypes } from '@xyflow/svelte';
import OperatorNode from './OperatorNode.svelte';

export { OUTPUT_HANDLE, type OperatorFlowNode, type OperatorNodeData } from './types';

/** Node components by type; defined once at module scope so SvelteFlow never re-registers them. */
export const nodeTypes: NodeTypes = { operator: OperatorNode };
