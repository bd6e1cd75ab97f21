/**
 * `validatePipeline` and `canConnect`: every mistake of a spec, located and explained with a fix,
 * all at once; and the editor's question "may I draw this edge?".
 */
import { describe, expect, it } from 'vitest';
import {
  canConnect,
  validatePipeline,
  type JsonValue,
  type PipelineEdge,
  type PipelineNode,
  type PipelineProblem,
  type PipelineSpec,
} from '../../../src/index.js';

type NodeList = Record<string, [operator: string, params?: Record<string, JsonValue>]>;

/** A spec from `{ id: [operator, params] }` and `'a->b'` / `'a->b:other'` edges. */
function pipeline(nodes: NodeList, edges: string[], extra: Partial<PipelineSpec> = {}): PipelineSpec {
  return {
    version: 1,
    batchDurationMs: 1000,
    nodes: Object.entries(nodes).map(([id, [operator, params = {}]]): PipelineNode => ({ id, operator, params })),
    edges: edges.map((e, i): PipelineEdge => {
      const [, source, target, port] = /^(\w+)->(\w+)(?::(\w+))?$/.exec(e)!;
      return { id: `e${i + 1}`, source: source!, target: target!, ...(port ? { targetPort: port as 'in' | 'other' } : {}) };
    }),
    ...extra,
  };
}

const words: NodeList[string] = ['generatorStream', { kind: 'words', seed: 1 }];
const toPairs: NodeList[string] = ['map', { mapFunc: 'w => [w, 1]' }];
const sum: NodeList[string] = ['reduceByKey', { reduceFunc: '(a, b) => a + b' }];
const print: NodeList[string] = ['print'];

function only(spec: PipelineSpec): PipelineProblem {
  const problems = validatePipeline(spec);
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return problems[0]!;
}

describe('validatePipeline: operators and parameters', () => {
  it('accepts a well-formed pipeline', () => {
    expect(validatePipeline(pipeline({ words, toPairs, sum, print }, ['words->toPairs', 'toPairs->sum', 'sum->print']))).toEqual([]);
  });

  it('reports a missing required parameter, with an example', () => {
    expect(only(pipeline({ words, m: ['map'], print }, ['words->m', 'm->print']))).toEqual({
      code: 'MISSING_PARAM',
      nodeId: 'm',
      param: 'mapFunc',
      message: "map 'm': mapFunc is required; set it, e.g. to `word => [word, 1]`.",
    });
  });

  it('reports a parameter the operator does not take, listing those it takes', () => {
    const p = only(pipeline({ words, w: ['window', { windowDurationMs: 2000, slide: 1000 }], print }, ['words->w', 'w->print']));
    expect(p).toMatchObject({ code: 'UNKNOWN_PARAM', nodeId: 'w', param: 'slide' });
    expect(p.message).toMatch(/takes windowDurationMs, slideDurationMs/);
  });

  it('reports values of the wrong type or out of range', () => {
    const spec = pipeline(
      {
        g: ['generatorStream', { kind: 'tweets', ratePerSecond: -1, users: 3 }],
        w: ['window', { windowDurationMs: '30s' }],
        r: ['repartition', { numPartitions: 0 }],
        q: ['queueStream', { batches: ['not a batch'], oneAtATime: 'yes' }],
        s: ['saveAsTextFiles', { prefix: 42 }],
        u: ['union'],
      },
      ['g->w', 'w->r', 'r->u', 'q->u:other', 'u->s'],
    );
    expect(validatePipeline(spec).map((p) => [p.nodeId, p.param, p.code])).toEqual([
      ['g', 'kind', 'INVALID_PARAM'],
      ['g', 'ratePerSecond', 'INVALID_PARAM'],
      ['w', 'windowDurationMs', 'INVALID_PARAM'],
      ['r', 'numPartitions', 'INVALID_PARAM'],
      ['q', 'batches', 'INVALID_PARAM'],
      ['q', 'oneAtATime', 'INVALID_PARAM'],
      ['s', 'prefix', 'INVALID_PARAM'],
    ]);
    const messages = validatePipeline(spec).map((p) => p.message);
    expect(messages[0]).toBe("generatorStream 'g': kind must be one of 'words', 'clicks', 'sensors'; got \"tweets\".");
    expect(messages[2]).toBe("window 'w': windowDurationMs must be a whole number of milliseconds from 1 to 86400000, e.g. 30000; got \"30s\".");
  });

  it('reports parameters that do not fit together', () => {
    const spec = pipeline(
      {
        g: ['generatorStream', { kind: 'words', users: 3 }],
        p: toPairs,
        r: ['reduceByKeyAndWindow', { reduceFunc: '(a, b) => a + b', windowDurationMs: 3000, filterFunc: '() => true' }],
        print,
      },
      ['g->p', 'p->r', 'r->print'],
    );
    expect(validatePipeline(spec).map((p) => [p.nodeId, p.param, p.code])).toEqual([
      ['g', 'users', 'INVALID_PARAM'],
      ['r', 'filterFunc', 'INVALID_PARAM'],
    ]);
  });

  it("reports a function that does not parse, with the parser's message", () => {
    const p = only(pipeline({ words, m: ['map', { mapFunc: 'w => [w, 1' }], print }, ['words->m', 'm->print']));
    expect(p).toMatchObject({ code: 'FUNCTION_SYNTAX', nodeId: 'm', param: 'mapFunc' });
    expect(p.message).toMatch(/^map 'm': mapFunc does not parse: .+; fix the JavaScript, e\.g\. `word => \[word, 1\]`\.$/);
  });

  it('reports text that is not one function expression', () => {
    const p = only(pipeline({ words, f: ['filter', { filterFunc: 'true' }], print }, ['words->f', 'f->print']));
    expect(p).toMatchObject({ code: 'NOT_A_FUNCTION', nodeId: 'f', param: 'filterFunc' });
    expect(p.message).toMatch(/write a function \(value: T\) => boolean/);
  });

  it('reports a state function whose parameter count names no form', () => {
    const spec = pipeline(
      {
        words,
        toPairs,
        u: ['updateStateByKey', { updateFunc: '(values, state, extra) => state' }],
        m: ['mapWithState', { mappingFunction: '(key, value = 0, state) => key' }],
        print,
        print2: print,
      },
      ['words->toPairs', 'toPairs->u', 'toPairs->m', 'u->print', 'm->print2'],
      { checkpoint: { enabled: true } },
    );
    expect(validatePipeline(spec)).toEqual([
      expect.objectContaining({ code: 'FUNCTION_ARITY', nodeId: 'u', message: expect.stringMatching(/declares 3 parameters.*declare 1, 2 or 4/) }),
      expect.objectContaining({ code: 'FUNCTION_ARITY', nodeId: 'm', message: expect.stringMatching(/declares 1 parameter,.*declare 3 or 4 \(without default values/) }),
    ]);
  });

  it('reports a static RDD name used by two nodes', () => {
    const t = (name: string): NodeList[string] => ['transform', { transformFunc: 'rdd => rdd', staticRDDs: { [name]: [1] } }];
    const spec = pipeline({ words, a: t('lookup'), b: t('lookup'), print }, ['words->a', 'a->b', 'b->print']);
    expect(only(spec)).toMatchObject({ code: 'INVALID_PARAM', nodeId: 'b', param: 'staticRDDs' });
    expect(only(pipeline({ words, a: t('ssc'), print }, ['words->a', 'a->print']))).toMatchObject({ code: 'INVALID_PARAM', nodeId: 'a' });
  });
});

describe('validatePipeline: the graph', () => {
  it('reports edges to nodes that do not exist', () => {
    const problems = validatePipeline(pipeline({ words, print }, ['words->print', 'ghost->print', 'words->nowhere']));
    expect(problems.map((p) => [p.code, p.edgeId])).toEqual([
      ['UNKNOWN_NODE', 'e2'],
      ['UNKNOWN_NODE', 'e3'],
    ]);
    expect(problems[0]!.message).toBe("Edge e2: its source 'ghost' is not a node of the pipeline; connect an existing node or remove the edge.");
  });

  it('reports edges into a source, out of an output, or into a port the target lacks', () => {
    const problems = validatePipeline(pipeline({ words, m: toPairs, print, other: words }, ['words->m', 'm->print', 'print->other', 'm->other', 'words->m:other']));
    expect(problems.map((p) => [p.code, p.edgeId, p.nodeId])).toEqual([
      ['INVALID_PORT', 'e3', 'print'],
      ['INVALID_PORT', 'e4', 'other'],
      ['INVALID_PORT', 'e5', 'm'],
    ]);
    expect(problems[2]!.message).toMatch(/has no port 'other', only 'in'; connect to 'in', or use union or a join/);
  });

  it('reports a port fed twice (too many inputs) and a port fed nothing (a missing input)', () => {
    const problems = validatePipeline(
      pipeline({ words, more: words, m: toPairs, j: ['join'], print }, ['words->m', 'more->m', 'm->j', 'j->print']),
    );
    expect(problems.map((p) => [p.code, p.nodeId, p.edgeId])).toEqual([
      ['PORT_TAKEN', 'm', 'e2'],
      ['MISSING_INPUT', 'j', undefined],
    ]);
    expect(problems[0]!.message).toBe(
      "map 'm': its 'in' port already takes 'words', so edge e2 from 'more' is one too many; remove it, or merge the streams with union first.",
    );
    expect(problems[1]!.message).toBe("join 'j': nothing is connected to its 'other' port; connect a stream of [key, value] pairs to it.");
  });

  it('reports a cycle once, naming its nodes and edges', () => {
    const spec = pipeline({ words, a: ['union'], b: ['filter', { filterFunc: 'x => true' }], print }, ['words->a', 'a->b', 'b->a:other', 'b->print']);
    expect(only(spec)).toEqual({
      code: 'CYCLE',
      nodeId: 'a',
      edgeId: 'e2',
      message: "Nodes 'a', 'b' form a cycle (edges e2, e3); a stream cannot depend on itself — remove one of these edges.",
    });
  });

  it('reports a pair operator fed single values, through operators that keep the kind', () => {
    const spec = pipeline(
      { words, f: ['filter', { filterFunc: 'w => w' }], w: ['window', { windowDurationMs: 2000 }], sum, print },
      ['words->f', 'f->w', 'w->sum', 'sum->print'],
    );
    expect(only(spec)).toEqual({
      code: 'KIND_MISMATCH',
      nodeId: 'sum',
      message:
        "reduceByKey 'sum' needs [key, value] pairs on its 'in' port, but window 'w' yields single values; " +
        'put a map that returns [key, value] in between, e.g. `word => [word, 1]`.',
    });
    // After a map the kind is unknown, so it is allowed; count yields numbers, which are not pairs.
    expect(validatePipeline(pipeline({ words, toPairs, sum, print }, ['words->toPairs', 'toPairs->sum', 'sum->print']))).toEqual([]);
    const counted = pipeline({ words, c: ['count'], toPairs, j: ['join'], print }, ['words->toPairs', 'toPairs->j', 'words->c', 'c->j:other', 'j->print']);
    expect(only(counted)).toMatchObject({ code: 'KIND_MISMATCH', nodeId: 'j', message: expect.stringMatching(/'other' port, but count 'c'/) });
    // A queue of literal pairs is a pair stream.
    const queued = pipeline({ q: ['queueStream', { batches: [[['a', 1]]] }], sum, print }, ['q->sum', 'sum->print']);
    expect(validatePipeline(queued)).toEqual([]);
  });

  it('reports windows that are not multiples of the parent slide, with the nearest valid values', () => {
    const spec = pipeline(
      { words, w1: ['window', { windowDurationMs: 2500 }], w2: ['window', { windowDurationMs: 4000, slideDurationMs: 2000 }], w3: ['window', { windowDurationMs: 3000 }], print, print2: print },
      ['words->w1', 'w1->print', 'words->w2', 'w2->w3', 'w3->print2'],
    );
    expect(validatePipeline(spec)).toEqual([
      {
        code: 'INVALID_WINDOW',
        nodeId: 'w1',
        param: 'windowDurationMs',
        message: "window 'w1': window 2500 ms is not a multiple of the parent's slide 1000 ms; use 2000 or 3000 ms.",
      },
      {
        code: 'INVALID_WINDOW',
        nodeId: 'w3',
        param: 'windowDurationMs',
        message: "window 'w3': window 3000 ms is not a multiple of the parent's slide 2000 ms; use 2000 or 4000 ms.",
      },
    ]);
  });

  it('reports two inputs that slide differently', () => {
    const spec = pipeline(
      { words, w: ['window', { windowDurationMs: 4000, slideDurationMs: 2000 }], u: ['union'], print },
      ['words->w', 'w->u', 'words->u:other', 'u->print'],
    );
    expect(only(spec)).toMatchObject({ code: 'SLIDE_MISMATCH', nodeId: 'u', message: expect.stringMatching(/2000 ms \('w'\) and 1000 ms \('words'\)/) });
  });

  it('reports stateful operators without checkpointing, and checkpoint intervals off their slide', () => {
    const nodes: NodeList = {
      words,
      toPairs,
      state: ['updateStateByKey', { updateFunc: '(vs, s) => vs.length' }],
      plain: ['reduceByKeyAndWindow', { reduceFunc: '(a, b) => a + b', windowDurationMs: 4000, slideDurationMs: 2000 }],
      inverse: ['reduceByKeyAndWindow', { reduceFunc: '(a, b) => a + b', invReduceFunc: '(a, b) => a - b', windowDurationMs: 4000, slideDurationMs: 2000 }],
      print,
      print2: print,
      print3: print,
    };
    const edges = ['words->toPairs', 'toPairs->state', 'toPairs->plain', 'toPairs->inverse', 'state->print', 'plain->print2', 'inverse->print3'];
    expect(validatePipeline(pipeline(nodes, edges)).map((p) => [p.code, p.nodeId])).toEqual([
      ['CHECKPOINT_REQUIRED', 'state'],
      ['CHECKPOINT_REQUIRED', 'inverse'],
    ]);
    expect(validatePipeline(pipeline(nodes, edges, { checkpoint: { enabled: true, intervalMs: 3000 } })).map((p) => [p.code, p.nodeId, p.message])).toEqual([
      ['INVALID_CHECKPOINT_INTERVAL', 'inverse', "reduceByKeyAndWindow 'inverse': the checkpoint interval 3000 ms is not a multiple of its slide 2000 ms; use 2000 or 4000 ms."],
    ]);
    expect(validatePipeline(pipeline(nodes, edges, { checkpoint: { enabled: true, intervalMs: 4000 } }))).toEqual([]);
  });

  it('reports a pipeline without an output', () => {
    expect(only(pipeline({ words, toPairs }, ['words->toPairs']))).toEqual({
      code: 'NO_OUTPUT',
      message: 'The pipeline has no output operator, so no batch would ever run; add print or collect after the stream you want to see.',
    });
  });

  it('reports every problem at once: structure first, then nodes, edges, ports, cycles, kinds, windows, checkpointing', () => {
    const spec = {
      ...pipeline(
        {
          words,
          m: ['map'],
          sum,
          w: ['window', { windowDurationMs: 1500 }],
          s: ['updateStateByKey', { updateFunc: '(v, s) => s' }],
          ghost: ['nothing'],
        },
        ['words->sum', 'words->w', 'w->s', 'words->m', 'm->missing'],
      ),
      extra: 1,
    };
    expect(validatePipeline(spec).map((p) => p.code)).toEqual([
      'INVALID_STRUCTURE',
      'MISSING_PARAM',
      'UNKNOWN_OPERATOR',
      'UNKNOWN_NODE',
      'KIND_MISMATCH',
      'INVALID_WINDOW',
      'KIND_MISMATCH',
      'CHECKPOINT_REQUIRED',
      'NO_OUTPUT',
    ]);
  });
});

describe('canConnect', () => {
  const spec = pipeline(
    {
      words,
      toPairs,
      sum,
      slow: ['window', { windowDurationMs: 4000, slideDurationMs: 2000 }],
      slowPairs: toPairs,
      j: ['join'],
      print,
      unconnected: ['filter', { filterFunc: 'x => x' }],
    },
    ['words->toPairs', 'toPairs->sum', 'sum->print', 'words->slow', 'slow->slowPairs', 'sum->j'],
  );

  it('allows an edge that keeps the graph valid', () => {
    expect(canConnect(spec, 'words', 'unconnected')).toEqual({ ok: true });
    expect(canConnect(spec, 'toPairs', 'j', 'other')).toEqual({ ok: true });
  });

  it('refuses single values into a pair port', () => {
    expect(canConnect(spec, 'words', 'j', 'other')).toMatchObject({ ok: false, code: 'KIND_MISMATCH', reason: expect.stringMatching(/needs \[key, value\] pairs/) });
  });

  it('refuses an edge that would close a cycle, or a node fed by itself', () => {
    expect(canConnect(spec, 'sum', 'unconnected')).toEqual({ ok: true });
    expect(canConnect(spec, 'sum', 'toPairs')).toMatchObject({ ok: false, code: 'PORT_TAKEN' });
    const open = { ...spec, edges: spec.edges.filter((e) => e.target !== 'toPairs') };
    expect(canConnect(open, 'sum', 'toPairs')).toMatchObject({ ok: false, code: 'CYCLE' });
    expect(canConnect(spec, 'unconnected', 'unconnected')).toMatchObject({ ok: false, code: 'CYCLE' });
  });

  it('refuses a port already connected, a missing port, an output as a source and a source as a target', () => {
    expect(canConnect(spec, 'toPairs', 'j', 'in')).toMatchObject({ ok: false, code: 'PORT_TAKEN', reason: expect.stringMatching(/already takes 'sum'/) });
    expect(canConnect(spec, 'words', 'unconnected', 'other')).toMatchObject({ ok: false, code: 'INVALID_PORT' });
    expect(canConnect(spec, 'print', 'unconnected')).toMatchObject({ ok: false, code: 'INVALID_PORT' });
    expect(canConnect(spec, 'unconnected', 'words')).toMatchObject({ ok: false, code: 'INVALID_PORT' });
    expect(canConnect(spec, 'nope', 'words')).toMatchObject({ ok: false, code: 'UNKNOWN_NODE' });
  });

  it('refuses a second input that slides differently from the first', () => {
    expect(canConnect(spec, 'slowPairs', 'j', 'other')).toMatchObject({ ok: false, code: 'SLIDE_MISMATCH', reason: expect.stringMatching(/2000 ms.*1000 ms/) });
  });
});
