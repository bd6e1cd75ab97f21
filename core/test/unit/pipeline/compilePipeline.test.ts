/**
 * `compilePipeline`: builds the spec's graph in dependency order with outputs in spec order,
 * names streams after their nodes, wires checkpointing, and reports what cannot be built.
 */
import { describe, expect, it } from 'vitest';
import {
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  PipelineValidationError,
  RivuletError,
  StreamingContext,
  compilePipeline,
  type CollectedBatch,
  type JsonValue,
  type PipelineSpec,
} from '../../../src/index.js';
import { runCompiled } from './runPipeline.js';

const queue = (batches: JsonValue[][]): PipelineSpec['nodes'][number]['params'] => ({ batches });

/** Listed consumers first: the compiler must still build producers first. */
const spec: PipelineSpec = {
  version: 1,
  batchDurationMs: 1000,
  checkpoint: { enabled: true, intervalMs: 2000 },
  nodes: [
    { id: 'printB', operator: 'print', params: {} },
    { id: 'totals', operator: 'updateStateByKey', params: { updateFunc: '(values, total) => (total ?? 0) + values.length' } },
    { id: 'b', operator: 'queueStream', params: queue([['b1'], ['b2']]) },
    { id: 'printTotals', operator: 'print', params: {} },
    { id: 'a', operator: 'queueStream', params: queue([['x', 'y', 'x']]) },
    { id: 'pairs', operator: 'map', params: { mapFunc: 'v => [v, 1]' } },
  ],
  edges: [
    { source: 'b', target: 'printB' },
    { source: 'a', target: 'pairs' },
    { source: 'pairs', target: 'totals' },
    { source: 'totals', target: 'printTotals' },
  ],
};

function context(batchMs = 1000): StreamingContext {
  return new StreamingContext({ batchDuration: Milliseconds(batchMs), clock: new ManualClock(), printLine: () => {} });
}

describe('compilePipeline', () => {
  it("returns every non-output node's stream, named after the node, and the outputs in spec order", () => {
    const ssc = context();
    const { streams, outputs } = compilePipeline(ssc, spec);
    expect([...streams.keys()]).toEqual(['b', 'a', 'pairs', 'totals']);
    for (const [id, stream] of streams) expect(stream.name).toBe(id);
    expect(outputs).toEqual(['printB', 'printTotals']);
  });

  it('registers output operations in spec order, so their lines come in that order every batch', async () => {
    const lines = await runCompiled(spec, 2);
    expect(lines.filter((l) => !l.startsWith('---') && l !== '')).toEqual([
      'Time: 1000 ms', 'b1',
      'Time: 1000 ms', '(x,2)', '(y,1)',
      'Time: 2000 ms', 'b2',
      'Time: 2000 ms', '(x,2)', '(y,1)',
    ]);
  });

  it("turns checkpointing on, applies the interval to stateful streams, and records the spec", () => {
    const ssc = context();
    const { streams } = compilePipeline(ssc, spec);
    expect(ssc.checkpointDir).toBe('checkpoint');
    expect(streams.get('totals')!.checkpointDuration?.milliseconds).toBe(2000);
    expect(streams.get('pairs')!.checkpointDuration).toBeUndefined();
    expect(JSON.parse(ssc.pipelineSpec!)).toEqual(spec);

    const named = context();
    compilePipeline(named, { ...spec, checkpoint: { enabled: true, directory: 'runs/totals' } });
    expect(named.checkpointDir).toBe('runs/totals');

    const store = new MemoryCheckpointStore();
    const preset = context();
    preset.checkpoint(store);
    compilePipeline(preset, spec);
    expect(preset.checkpointDir).toBe(store);
  });

  it('delivers collect batches to the collect option', async () => {
    const collected: CollectedBatch[] = [];
    const collecting: PipelineSpec = {
      version: 1,
      batchDurationMs: 1000,
      nodes: [
        { id: 'a', operator: 'queueStream', params: queue([[1, 2, 3], [4]]) },
        { id: 'inspect', operator: 'collect', params: { limit: 2 } },
      ],
      edges: [{ source: 'a', target: 'inspect' }],
    };
    expect(await runCompiled(collecting, 3, { collect: (batch) => collected.push(batch) })).toEqual([]);
    expect(collected).toEqual([
      { nodeId: 'inspect', timeMs: 1000, records: [1, 2] },
      { nodeId: 'inspect', timeMs: 2000, records: [4] },
      { nodeId: 'inspect', timeMs: 3000, records: [] },
    ]);
    // Without the option, each batch is a line, as the exported program prints it.
    expect(await runCompiled(collecting, 1)).toEqual(['inspect 1000 ms: [1,2]']);
  });

  it('runs no user function while compiling', async () => {
    const g = globalThis as { calls?: number };
    g.calls = 0;
    const counting: PipelineSpec = {
      version: 1,
      batchDurationMs: 1000,
      nodes: [
        { id: 'a', operator: 'queueStream', params: queue([['x']]) },
        { id: 'm', operator: 'map', params: { mapFunc: 'v => { globalThis.calls++; return v; }' } },
        { id: 'out', operator: 'print', params: {} },
      ],
      edges: [{ source: 'a', target: 'm' }, { source: 'm', target: 'out' }],
    };
    compilePipeline(context(), counting);
    expect(g.calls).toBe(0);
    await runCompiled(counting, 1);
    expect(g.calls).toBe(1);
    delete g.calls;
  });

  it("refuses a context whose batch duration is not the spec's", () => {
    expect(() => compilePipeline(context(500), spec)).toThrow(
      expect.objectContaining({ code: 'PIPELINE_INVALID', problems: [expect.objectContaining({ code: 'BATCH_DURATION_MISMATCH' })] }),
    );
  });

  it('reports an operator that fails to build as OPERATOR_FAILED on its node, with the cause', () => {
    const socket: PipelineSpec = {
      version: 1,
      batchDurationMs: 1000,
      nodes: [
        { id: 'feed', operator: 'webSocketTextStream', params: { url: 'ws://localhost:1/feed' } },
        { id: 'out', operator: 'print', params: {} },
      ],
      edges: [{ source: 'feed', target: 'out' }],
    };
    // No platform is registered here (src/index.ts, not the Node entry), so there is no WebSocket.
    let error: unknown;
    try {
      compilePipeline(context(), socket);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineValidationError);
    expect((error as PipelineValidationError).problems).toEqual([
      expect.objectContaining({ code: 'OPERATOR_FAILED', nodeId: 'feed', message: expect.stringMatching(/^webSocketTextStream 'feed' could not be built: /) }),
    ]);
    expect((error as Error).cause).toBeInstanceOf(RivuletError);
  });
});
