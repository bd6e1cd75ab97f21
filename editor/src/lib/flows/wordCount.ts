import type { Edge } from '@xyflow/svelte';
import type { OperatorData, OperatorNodeType } from '../nodes/types';

/**
 * The classic streaming word count, laid out left to right. Plain data (type-only imports), so
 * end-to-end tests in Node can use it as their fixture.
 */
const steps: [id: string, data: OperatorData][] = [
  ['lines', { operator: 'socketTextStream', kind: 'source', argument: "('localhost', 9999)" }],
  ['words', { operator: 'flatMap', kind: 'transformation', argument: "line => line.split(' ')" }],
  ['pairs', { operator: 'map', kind: 'transformation', argument: 'word => [word, 1]' }],
  ['counts', { operator: 'reduceByKey', kind: 'transformation', argument: '(a, b) => a + b' }],
  ['print', { operator: 'print', kind: 'output', argument: '()' }],
];

export const wordCountNodes: OperatorNodeType[] = steps.map(([id, data], i) => ({
  id,
  type: 'operator',
  position: { x: i * 260, y: 0 },
  data,
}));

export const wordCountEdges: Edge[] = steps.slice(1).map(([id], i) => ({
  id: `${steps[i][0]}->${id}`,
  source: steps[i][0],
  target: id,
  animated: true,
}));
