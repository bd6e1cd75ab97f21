/**
 * The pure parts of the editor's run views, without a browser: which node a failure belongs to,
 * backpressure, batch metrics, window coverage, state changes and chart scales.
 */
import type { BatchSnapshot, LineageGraph, LoadedPipeline, NodeSnapshot } from 'rivulet';
import { describe, expect, it } from 'vitest';
import { errorNode, ownerOfRdd, rddOwners, rootMessage } from '../../editor/src/lib/engine/attribution.ts';
import { batchMetrics } from '../../editor/src/lib/engine/batchMetrics.ts';
import { formatCount, formatMs } from '../../editor/src/lib/engine/format.ts';
import { edgesInto, pressureOf } from '../../editor/src/lib/engine/pressure.ts';
import { stateChanges } from '../../editor/src/lib/components/BatchInspector/stateChanges.ts';
import { windowCoverage } from '../../editor/src/lib/components/BatchTimeline/windowCoverage.ts';
import { histogram, niceMax } from '../../editor/src/lib/components/Charts/chartScale.ts';

function node(nodeId: string, rddId: number, records: number | null, sample: NodeSnapshot['sample'] = []): NodeSnapshot {
  return {
    nodeId,
    streamId: rddId,
    rddId,
    partitions: 2,
    recordsPerPartition: [records, 0],
    records,
    sample,
    computeMs: rddId,
    debugString: '',
  };
}

function snapshot(batchTimeMs: number, nodes: NodeSnapshot[], extra: Partial<BatchSnapshot> = {}): BatchSnapshot {
  const lineage: LineageGraph = { nodes: [], edges: [], truncated: false };
  return {
    batchTimeMs,
    batchInfo: { batchTimeMs, submissionTime: batchTimeMs, numRecords: 0, inputs: [], outputOperations: [] },
    nodes,
    lineage,
    receivers: [],
    processingMs: 10,
    schedulingDelayMs: 0,
    inspected: true,
    ...extra,
  };
}

const loaded: LoadedPipeline = {
  batchDurationMs: 1000,
  nodes: [
    { nodeId: 'lines', streamId: 0, className: 'QueueInputDStream' },
    { nodeId: 'pairs', streamId: 1, className: 'MappedDStream' },
  ],
  outputs: ['print'],
  recovered: false,
  clockMs: 0,
};

describe('errorNode', () => {
  const failed = snapshot(1000, [node('lines', 2, 2), node('pairs', 3, null), node('counts', 4, null)], {
    lineage: {
      nodes: [],
      edges: [
        { from: 2, to: 3, shuffle: false },
        { from: 3, to: 7, shuffle: false },
        { from: 7, to: 4, shuffle: true },
      ],
      truncated: false,
    },
  });
  /** A failed task's report, as it crosses the worker boundary (`rddId` among the error's details). */
  const taskFailed = (rddId?: number) => ({
    source: 'outputOperation' as const,
    batchTimeMs: 1000,
    outputOperationId: 0,
    error: {
      name: 'TaskFailedError',
      code: 'TASK_FAILED',
      message: 'Task failed: boom',
      details: { ...(rddId === undefined ? {} : { rddId }), rddDescription: `MapPartitionsRDD[${rddId ?? '?'}] at map`, partition: 0, stageId: 0 },
      cause: { name: 'Error', message: 'boom' },
    },
  });

  it('puts a failed task on the node whose RDD it computed', () => {
    expect(errorNode(taskFailed(3), loaded, failed, rddOwners([failed]))).toBe('pairs');
  });

  it('puts a task of an RDD inside a node (a shuffle’s map side) on the first node downstream', () => {
    expect(errorNode(taskFailed(7), loaded, failed, rddOwners([failed]))).toBe('counts');
  });

  it('falls back on the first node the batch could not compute, then on the output', () => {
    expect(errorNode(taskFailed(), loaded, failed, rddOwners([failed]))).toBe('pairs');
    expect(errorNode(taskFailed(), loaded, undefined, new Map())).toBe('print');
  });

  it("puts a receiver's error on its stream's source node", () => {
    const reported = { source: 'receiver' as const, streamId: 0, error: { name: 'Error', message: 'refused' } };
    expect(errorNode(reported, loaded, undefined, new Map())).toBe('lines');
  });

  it('says what the user code said', () => {
    expect(rootMessage(taskFailed(3).error)).toBe('boom');
    expect(rootMessage({ name: 'Error', message: 'x', cause: { name: 'TypeError', message: 'y is undefined' } })).toBe('TypeError: y is undefined');
  });

  it('finds the owner of an RDD of an earlier batch', () => {
    const earlier = snapshot(0, [node('pairs', 1, 1)]);
    expect(ownerOfRdd(1, rddOwners([earlier, failed]), failed.lineage)).toBe('pairs');
  });
});

describe('pressureOf', () => {
  const at = (delays: number[]) => delays.map((d, i) => snapshot((i + 1) * 1000, [node('a', 1, 1), node('slow', 9, 1)], { schedulingDelayMs: d }));

  it('is red past one interval, amber past half of one while growing, else none', () => {
    expect(pressureOf(at([0, 1200]), 1000).level).toBe('red');
    expect(pressureOf(at([400, 600]), 1000).level).toBe('amber');
    expect(pressureOf(at([700, 600]), 1000).level).toBe('none');
    expect(pressureOf(at([0, 100]), 1000).level).toBe('none');
    expect(pressureOf([], 1000).level).toBe('none');
  });

  it('names the slowest node as the bottleneck, and the edges that lead into it', () => {
    expect(pressureOf(at([0, 1200]), 1000).bottleneck).toBe('slow');
    const edges = [
      { id: 'e1', source: 'src', target: 'a' },
      { id: 'e2', source: 'a', target: 'slow' },
      { id: 'e3', source: 'slow', target: 'out' },
      { id: 'e4', source: 'other', target: 'out' },
    ];
    expect([...edgesInto('slow', edges)].sort()).toEqual(['e1', 'e2']);
  });
});

describe('batchMetrics', () => {
  it("takes input records from BatchInfo, or else from the source nodes, per second of stream time", () => {
    const s = snapshot(1000, [node('src', 1, 40), node('b', 2, 80)], { schedulingDelayMs: 5, processingMs: 20 });
    expect(batchMetrics(s, 2000, new Set(['src']), 1000)).toMatchObject({ records: 40, inputRate: 20, totalDelayMs: 25, status: 'succeeded' });
    const delayed = { ...s, schedulingDelayMs: 1500 };
    expect(batchMetrics(delayed, 1000, new Set(), 1000).status).toBe('delayed');
  });
});

describe('windowCoverage', () => {
  it('covers the batches of (t − window, t]', () => {
    expect(windowCoverage('reduceByKeyAndWindow', { windowDurationMs: 3000 }, 10_000)).toEqual({ fromMs: 7000, toMs: 10_000, windowMs: 3000 });
    expect(windowCoverage('map', { mapFunc: 'x => x' }, 10_000)).toBeUndefined();
  });
});

describe('stateChanges', () => {
  it('compares complete samples key by key', () => {
    const before = node('s', 1, 2, [['a', 1], ['b', 1]]);
    const now = node('s', 2, 2, [['a', 2], ['c', 1]]);
    const { rows, isComplete } = stateChanges(now, before);
    expect(isComplete).toBe(true);
    expect(rows.map((r) => [r.key, r.change])).toEqual([
      ['a', 'changed'],
      ['c', 'new'],
      ['b', 'removed'],
    ]);
  });

  it('claims no new or removed key when a sample was cut', () => {
    const before = node('s', 1, 50, [['a', 1]]);
    const now = node('s', 2, 50, [['c', 1]]);
    const { rows, isComplete } = stateChanges(now, before);
    expect(isComplete).toBe(false);
    expect(rows.map((r) => [r.key, r.change])).toEqual([['c', 'same']]);
  });
});

describe('chart scales and formats', () => {
  it('rounds axis tops up to 1, 2, 2.5 or 5 × 10ⁿ and bins values', () => {
    expect([0, 0.7, 3, 21, 240, 4100].map(niceMax)).toEqual([1, 1, 5, 25, 250, 5000]);
    expect(histogram([0, 1, 9, 10, 12], 10, 5)).toEqual([2, 0, 0, 0, 3]);
  });

  it('formats counts and durations for people', () => {
    expect([950, 12_400, 100_000, 3_100_000].map(formatCount)).toEqual(['950', '12.4k', '100k', '3.1M']);
    expect([0, 0.05, 0.42, 7.25, 120, 1250].map(formatMs)).toEqual(['0 ms', '<0.1 ms', '0.42 ms', '7.3 ms', '120 ms', '1.25 s']);
  });
});
