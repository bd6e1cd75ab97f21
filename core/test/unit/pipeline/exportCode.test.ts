/**
 * `exportCode`: the fluent-API program of a spec, one readable statement per node. (That it
 * prints what the compiled spec prints is checked for every example and every operator by
 * examples.test.ts and operatorRegistry.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { PipelineValidationError, exportCode, type JsonValue, type PipelineEdge, type PipelineNode, type PipelineSpec } from '../../../src/index.js';
import { examplePipelines } from './runPipeline.js';

describe('exportCode', () => {
  it('writes the word count example as a Spark user would', () => {
    expect(exportCode(examplePipelines().get('wordCount')!)).toBe(
      [
        '// Word count',
        "// The Spark Streaming guide's first example: count the words of every batch of lines.",
        "// Exported from a Rivulet pipeline spec. The functions are the spec's JavaScript, as written:",
        '// add parameter types where TypeScript asks for them.',
        "import { Seconds, StreamingContext, type DStream } from 'rivulet';",
        '',
        "const ssc = new StreamingContext({ batchDuration: Seconds(1), appName: 'Word count' });",
        '',
        "const lines = ssc.generatorStream({ kind: 'words', seed: 7, ratePerSecond: 4, wordsPerLine: 5 });",
        '',
        "const words: DStream<any> = lines.flatMap((line) => line.split(' '));",
        'const pairs: DStream<[any, any]> = words.map((word) => [word, 1]);',
        'const wordCounts: DStream<[any, any]> = pairs.reduceByKey((a, b) => a + b);',
        '',
        'wordCounts.print();',
        '',
        'ssc.start();',
        'await ssc.awaitTermination();',
        '',
      ].join('\n'),
    );
  });

  const one = (nodes: PipelineNode[], edges: PipelineSpec['edges'], extra: Partial<PipelineSpec> = {}): string =>
    exportCode({ version: 1, batchDurationMs: 500, nodes, edges, ...extra });
  const source: PipelineNode = { id: 's', operator: 'queueStream', params: { batches: [['a']] } };

  it('names variables after labels, camelCased, never twice and never a reserved or global name', () => {
    const labels = ['Word counts!', 'word counts', '1st stage', 'console', 'URL', undefined];
    const nodes: PipelineNode[] = [source];
    const edges: PipelineEdge[] = [];
    labels.forEach((label, i) => {
      nodes.push({ id: `f${i}`, operator: 'filter', params: { filterFunc: 'x => true' }, ...(label === undefined ? {} : { label }) });
      edges.push({ source: i === 0 ? 's' : `f${i - 1}`, target: `f${i}` });
    });
    nodes.push({ id: 'out', operator: 'print', params: {} });
    edges.push({ source: 'f5', target: 'out' });
    const names = [...one(nodes, edges).matchAll(/^const (\w+)/gm)].map((m) => m[1]);
    expect(names).toEqual(['ssc', 'queued', 'wordCounts', 'wordCounts2', '_1stStage', 'console2', 'url', 'filtered']);
  });

  it('writes durations with the largest whole unit, and literals as TypeScript', () => {
    const nodes: PipelineNode[] = [
      { id: 's', operator: 'queueStream', params: { batches: [["it's", 'a "quote"', 'back\\slash', 'new\nline'], [{ 'odd key': 1, plain: null }]] as JsonValue } },
      { id: 'w', operator: 'window', params: { windowDurationMs: 120_000, slideDurationMs: 1500 } },
      { id: 'w2', operator: 'window', params: { windowDurationMs: 123_000, slideDurationMs: 123_000 } },
      { id: 'out', operator: 'saveAsTextFiles', params: { prefix: "out/it's" } },
    ];
    const code = one(nodes, [{ source: 's', target: 'w' }, { source: 'w', target: 'w2' }, { source: 'w2', target: 'out' }]);
    expect(code).toContain("import { Milliseconds, Minutes, Seconds, StreamingContext, type DStream } from 'rivulet';");
    expect(code).toContain('batchDuration: Milliseconds(500)');
    expect(code).toContain("queueStream([['it\\'s', 'a \"quote\"', 'back\\\\slash', 'new\\nline'], [{ 'odd key': 1, plain: null }]]");
    expect(code).toContain('queued.window(Minutes(2), Milliseconds(1500))');
    expect(code).toContain('windowed.window(Seconds(123), Seconds(123))');
    expect(code).toContain("windowed2.saveAsTextFiles('out/it\\'s');");
  });

  it('breaks long literals over lines', () => {
    const batches = Array.from({ length: 3 }, (_, i) => Array.from({ length: 12 }, (_, j) => `word-${i}-${j}`));
    const code = one([{ ...source, params: { batches } }, { id: 'out', operator: 'print', params: {} }], [{ source: 's', target: 'out' }]);
    expect(code).toContain("const queued = ssc.queueStream([\n  [\n    'word-0-0',\n");
  });

  it('turns checkpointing on, and checkpoints stateful streams at the interval', () => {
    const nodes: PipelineNode[] = [
      { id: 's', operator: 'queueStream', params: { batches: [[['a', 1]]] } },
      { id: 'st', operator: 'updateStateByKey', params: { updateFunc: '(vs, s) => vs.length' } },
      { id: 'out', operator: 'print', params: { num: 3 } },
    ];
    const code = one(nodes, [{ source: 's', target: 'st' }, { source: 'st', target: 'out' }], { checkpoint: { enabled: true, intervalMs: 5000 } });
    expect(code).toContain("ssc.checkpoint('checkpoint');");
    expect(code).toContain('const states: DStream<[any, any]> = queued.updateStateByKey((vs, s) => vs.length);\nstates.checkpoint(Seconds(5));');
    expect(code).toContain('states.print(3);');
  });

  it('refuses an invalid spec with every problem, and runs no user code', () => {
    const spec: PipelineSpec = {
      version: 1,
      batchDurationMs: 1000,
      nodes: [source, { id: 'm', operator: 'map', params: { mapFunc: '(x) => { globalThis.pwned = 1; }' } }],
      edges: [{ source: 's', target: 'm' }],
    };
    expect(() => exportCode(spec)).toThrow(PipelineValidationError);
    expect(exportCode({ ...spec, nodes: [...spec.nodes, { id: 'o', operator: 'print', params: {} }], edges: [...spec.edges, { source: 'm', target: 'o' }] })).toContain(
      'globalThis.pwned = 1',
    );
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});
