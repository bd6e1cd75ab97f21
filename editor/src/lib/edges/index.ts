import type { EdgeTypes } from '@xyflow/svelte';
import FlowEdge from './FlowEdge.svelte';

/**
 * Edge components by type; defined once at module scope. `default` replaces Svelte Flow's own
 * bezier edge, so every pipeline edge shows the run's flow without a type of its own in the spec.
 */
export const edgeTypes: EdgeTypes = { default: FlowEdge };
