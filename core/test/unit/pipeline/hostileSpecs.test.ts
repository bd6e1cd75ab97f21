/**
 * Untrusted specs: whatever the JSON, `parsePipelineSpec` answers with problems (never throws,
 * never touches prototypes, never runs user text), and `validatePipeline`/`compilePipeline`
 * refuse what it lets through but the graph does not allow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  Milliseconds,
  PipelineLimits,
  PipelineValidationError,
  StreamingContext,
  ValidationError,
  compilePipeline,
  parsePipelineSpec,
  validatePipeline,
  type PipelineProblem,
  type PipelineSpec,
} from '../../../src/index.js';

const wordCount: PipelineSpec = {
  version: 1,
  batchDurationMs: 1000,
  nodes: [
    { id: 'lines', operator: 'generatorStream', params: { kind: 'words', seed: 1 } },
    { id: 'pairs', operator: 'map', params: { mapFunc: 'w => [w, 1]' } },
    { id: 'counts', operator: 'reduceByKey', params: { reduceFunc: '(a, b) => a + b' } },
    { id: 'out', operator: 'print', params: {} },
  ],
  edges: [
    { id: 'e1', source: 'lines', target: 'pairs' },
    { id: 'e2', source: 'pairs', target: 'counts' },
    { id: 'e3', source: 'counts', target: 'out' },
  ],
};

function problemsOf(json: string): readonly PipelineProblem[] {
  const parsed = parsePipelineSpec(json);
  expect('problems' in parsed, 'expected problems').toBe(true);
  return 'problems' in parsed ? parsed.problems : [];
}

function codes(problems: readonly PipelineProblem[]): string[] {
  return problems.map((p) => p.code);
}

const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  // No spec may leave anything on Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  delete (globalThis as { pwned?: unknown }).pwned;
});

describe('parsePipelineSpec', () => {
  it('reads a valid spec', () => {
    expect(parsePipelineSpec(JSON.stringify(wordCount))).toEqual({ spec: wordCount });
  });

  it('rejects a spec over 1 MiB before parsing it', () => {
    const huge = JSON.stringify({ ...wordCount, description: 'x'.repeat(PipelineLimits.maxBytes) });
    expect(problemsOf(huge)).toEqual([expect.objectContaining({ code: 'TOO_LARGE', message: expect.stringMatching(/1 MiB/) })]);
    // Multi-byte characters count as the bytes they take.
    const wide = JSON.stringify({ ...wordCount, description: 'é'.repeat(PipelineLimits.maxBytes / 2 + 1) });
    expect(codes(problemsOf(wide))).toEqual(['TOO_LARGE']);
  });

  it('rejects nesting deeper than 32 before parsing, even 100,000 levels deep', () => {
    const deep = (levels: number) => JSON.stringify({ ...wordCount, nodes: [{ ...wordCount.nodes[0], params: { x: 0 } }] }).replace('"x":0', `"x":${'['.repeat(levels)}${']'.repeat(levels)}`);
    expect(codes(problemsOf(deep(100_000)))).toEqual(['TOO_DEEP']);
    expect(codes(problemsOf(deep(PipelineLimits.maxDepth)))).toEqual(['TOO_DEEP']);
    // Brackets inside strings are not nesting.
    const inString = JSON.stringify({ ...wordCount, description: '['.repeat(1000) });
    expect('spec' in parsePipelineSpec(inString)).toBe(true);
  });

  it('rejects __proto__, constructor and prototype keys anywhere, leaving Object.prototype untouched', () => {
    const json =
      '{"version":1,"batchDurationMs":1000,"__proto__":{"polluted":true},' +
      '"nodes":[{"id":"a","operator":"queueStream","params":{"batches":[[{"__proto__":{"polluted":1}}]],"constructor":{"prototype":{"polluted":2}}}}],' +
      '"edges":[],"checkpoint":{"enabled":false,"prototype":1}}';
    const problems = problemsOf(json);
    expect(problems.filter((p) => p.code === 'FORBIDDEN_KEY').map((p) => p.path)).toEqual([
      'spec.__proto__',
      'spec.nodes[0].params.batches[0][0].__proto__',
      'spec.nodes[0].params.constructor',
      'spec.checkpoint.prototype',
    ]);
    expect(problems.every((p) => p.code === 'FORBIDDEN_KEY' || p.code === 'NO_OUTPUT')).toBe(true);
    expect(validatePipeline(JSON.parse(json)).filter((p) => p.code === 'FORBIDDEN_KEY')).toHaveLength(4);
  });

  it('rejects function parameters that are not strings', () => {
    for (const bad of [42, { source: 'x => x' }, ['x => x'], true]) {
      const json = JSON.stringify({ ...wordCount, nodes: wordCount.nodes.map((n) => (n.id === 'pairs' ? { ...n, params: { mapFunc: bad } } : n)) });
      expect(problemsOf(json)).toEqual([
        expect.objectContaining({ code: 'INVALID_PARAM', nodeId: 'pairs', param: 'mapFunc', message: expect.stringMatching(/source text \(a string\)/) }),
      ]);
    }
  });

  it('rejects absurd counts', () => {
    const nodes = Array.from({ length: PipelineLimits.maxNodes + 1 }, (_, i) => ({ id: `n${i}`, operator: 'count', params: {} }));
    expect(problemsOf(JSON.stringify({ ...wordCount, nodes }))).toEqual([expect.objectContaining({ code: 'TOO_LARGE', path: 'spec.nodes' })]);
    const edges = Array.from({ length: PipelineLimits.maxEdges + 1 }, () => ({ source: 'lines', target: 'pairs' }));
    expect(codes(problemsOf(JSON.stringify({ ...wordCount, edges })))).toEqual(['TOO_LARGE']);
    const params = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, i]));
    const manyParams = { ...wordCount, nodes: [{ id: 'x', operator: 'count', params }] };
    expect(codes(problemsOf(JSON.stringify(manyParams)))).toEqual(['INVALID_STRUCTURE']);
  });

  it('rejects text that is not JSON, or not a spec, with a problem rather than an exception', () => {
    expect(codes(problemsOf('{"version": 1,'))).toEqual(['INVALID_JSON']);
    expect(codes(problemsOf('[]'))).toEqual(['INVALID_STRUCTURE']);
    expect(codes(problemsOf('null'))).toEqual(['INVALID_STRUCTURE']);
    expect(codes(problemsOf(JSON.stringify({ ...wordCount, version: 2 })))).toEqual(['UNSUPPORTED_VERSION']);
    expect(codes(problemsOf(42 as unknown as string))).toEqual(['INVALID_JSON']);
  });

  it('lists every structural problem at once, each with its path', () => {
    const json = JSON.stringify({
      version: 1,
      batchDurationMs: 0,
      extra: true,
      nodes: [{ id: 'bad id!', operator: 7, params: [] }, { id: 'ok', operator: 'count', params: {}, position: { x: 'left' } }, { id: 'ok', operator: 'count', params: {} }],
      edges: [{ source: 'ok' }, { id: 'e', source: 'ok', target: 'ok', targetPort: 'third' }],
    });
    expect(problemsOf(json).map((p) => [p.code, p.path])).toEqual([
      ['INVALID_STRUCTURE', 'spec.extra'],
      ['INVALID_STRUCTURE', 'spec.batchDurationMs'],
      ['INVALID_STRUCTURE', 'nodes[0].id'],
      ['INVALID_STRUCTURE', 'nodes[0].operator'],
      ['INVALID_STRUCTURE', 'nodes[0].params'],
      ['INVALID_STRUCTURE', 'nodes[1].position'],
      ['DUPLICATE_ID', 'nodes[2].id'],
      ['INVALID_STRUCTURE', 'edges[0].target'],
      ['INVALID_STRUCTURE', 'edges[1].targetPort'],
    ]);
  });

  it('lets unknown operators and cycles through, for validatePipeline to report', () => {
    const unknown = { ...wordCount, nodes: [...wordCount.nodes, { id: 'x', operator: 'reduceByKeyAndWindw', params: {} }] };
    const parsed = parsePipelineSpec(JSON.stringify(unknown));
    expect('spec' in parsed).toBe(true);
    expect(validatePipeline(unknown)).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_OPERATOR', nodeId: 'x', message: expect.stringMatching(/did you mean 'reduceByKeyAndWindow'/) }),
    ]);

    const cyclic = { ...wordCount, edges: [...wordCount.edges.filter((e) => e.id !== 'e1'), { id: 'back', source: 'counts', target: 'pairs' }] };
    expect('spec' in parsePipelineSpec(JSON.stringify(cyclic))).toBe(true);
    expect(validatePipeline(cyclic)).toEqual([
      expect.objectContaining({ code: 'CYCLE', nodeId: 'pairs', edgeId: 'e2', message: expect.stringMatching(/'pairs', 'counts' form a cycle \(edges e2, back\)/) }),
    ]);
  });
});

describe('compilePipeline on hostile specs', () => {
  const context = () => new StreamingContext({ batchDuration: Milliseconds(1000) });

  it('throws PIPELINE_INVALID with every problem for unknown operators and cycles', () => {
    const spec = {
      ...wordCount,
      nodes: [...wordCount.nodes, { id: 'x', operator: 'nope', params: {} }],
      edges: [...wordCount.edges, { id: 'loop', source: 'pairs', target: 'pairs' }],
    };
    let error: unknown;
    try {
      compilePipeline(context(), spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineValidationError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as PipelineValidationError).code).toBe('PIPELINE_INVALID');
    expect(codes((error as PipelineValidationError).problems)).toEqual(['UNKNOWN_OPERATOR', 'PORT_TAKEN', 'CYCLE']);
  });

  it('never evaluates a function that escapes its wrapper', () => {
    const spec = { ...wordCount, nodes: wordCount.nodes.map((n) => (n.id === 'pairs' ? { ...n, params: { mapFunc: 'w => w), (globalThis.pwned = 1' } } : n)) };
    expect(validatePipeline(spec)).toEqual([expect.objectContaining({ code: 'NOT_A_FUNCTION', nodeId: 'pairs', param: 'mapFunc' })]);
    expect(() => compilePipeline(context(), spec)).toThrow(PipelineValidationError);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('refuses objects that are not JSON: functions, class instances, cycles', () => {
    const withFunction = { ...wordCount, nodes: wordCount.nodes.map((n) => (n.id === 'pairs' ? { ...n, params: { mapFunc: (w: string) => [w, 1] } } : n)) };
    expect(codes(validatePipeline(withFunction))).toEqual(['INVALID_STRUCTURE']);
    expect(codes(validatePipeline({ ...wordCount, description: new Date() }))).toEqual(['INVALID_STRUCTURE']);
    const cyclic: Record<string, unknown> = { ...wordCount };
    cyclic.self = cyclic;
    expect(codes(validatePipeline(cyclic))).toEqual(['TOO_DEEP']);
    expect(() => compilePipeline(context(), cyclic as never)).toThrow(PipelineValidationError);
  });
});
