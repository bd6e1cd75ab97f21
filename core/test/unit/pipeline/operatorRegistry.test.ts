/**
 * The operator registry: complete (every DStream operator of DESIGN.md is an entry or is listed
 * here with the reason it is not visual), well formed, and — for every operator — `apply` and
 * `code` agree: a one-operator pipeline compiled from its spec prints what its exported program
 * prints, with and without its optional parameters.
 */
import { describe, expect, it } from 'vitest';
import {
  exportCode,
  getOperator,
  operatorRegistry,
  validatePipeline,
  type ApplyContext,
  type CodeContext,
  type JsonValue,
  type PipelineNode,
  type PipelineSpec,
} from '../../../src/index.js';
import { runCompiled, runExported } from './runPipeline.js';

/** DESIGN.md's public operators that have no entry, and why. */
const NOT_VISUAL: Readonly<Record<string, string>> = {
  slice: 'returns RDDs for a time range; used from code after start, not a graph node',
  persist: 'a storage setting of a stream, not an operator',
  cache: 'a storage setting of a stream, not an operator',
  checkpoint: "set for every stateful node by the spec's checkpoint.intervalMs",
  foreachRDD: 'arbitrary side effects in code; the palette offers collect instead',
  receiverStream: 'needs a Receiver subclass, which JSON cannot hold',
  fromAsyncIterable: 'needs an AsyncIterable object, which JSON cannot hold',
  socketStream: 'needs a converter function over bytes; socketTextStream covers text',
  fileStream: 'needs an input format function over bytes; textFileStream covers text',
};

/** DESIGN.md's operators: the StreamingContext's sources and the DStream API. */
const DESIGN_OPERATORS = [
  'queueStream', 'socketTextStream', 'textFileStream', 'receiverStream', 'webSocketTextStream', 'eventSourceStream',
  'fromAsyncIterable', 'generatorStream', 'socketStream', 'fileStream',
  'map', 'flatMap', 'filter', 'glom', 'mapPartitions', 'repartition', 'union', 'count', 'reduce', 'countByValue',
  'transform', 'transformWith', 'window', 'countByWindow', 'reduceByWindow', 'countByValueAndWindow', 'slice',
  'persist', 'cache', 'checkpoint', 'mapValues', 'flatMapValues', 'groupByKey', 'reduceByKey', 'combineByKey', 'join',
  'leftOuterJoin', 'rightOuterJoin', 'fullOuterJoin', 'cogroup', 'groupByKeyAndWindow', 'reduceByKeyAndWindow',
  'updateStateByKey', 'mapWithState', 'print', 'foreachRDD', 'saveAsTextFiles', 'saveAsObjectFiles',
];

describe('operatorRegistry', () => {
  it('has an entry for every DStream operator a visual user can place, and a reason for the others', () => {
    for (const name of DESIGN_OPERATORS) {
      expect(getOperator(name) !== undefined || name in NOT_VISUAL, `${name} is neither an entry nor listed as not visual`).toBe(true);
    }
    for (const name of Object.keys(NOT_VISUAL)) expect(getOperator(name), name).toBeUndefined();
    // Entries beyond DESIGN.md's list are Rivulet's own.
    expect(operatorRegistry.map((e) => e.name).filter((n) => !DESIGN_OPERATORS.includes(n))).toEqual(['collect']);
  });

  it('has unique names, one category each, and documented parameters', () => {
    const names = operatorRegistry.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of operatorRegistry) {
      expect(entry.description, entry.name).toMatch(/\.$/);
      expect(entry.spark, entry.name).toMatch(/^(DStream|PairDStreamFunctions|StreamingContext)\.|^none: Rivulet's own \(cf\. /);
      expect(Object.isFrozen(operatorRegistry)).toBe(true);
      expect(entry.inputs.length === 0, entry.name).toBe(entry.category === 'source');
      expect(entry.output === undefined, entry.name).toBe(entry.category === 'output');
      const params = entry.params.map((p) => p.name);
      expect(new Set(params).size, entry.name).toBe(params.length);
      for (const param of entry.params) {
        expect(param.description, `${entry.name}.${param.name}`).not.toBe('');
        if (param.type === 'function') expect(param.signature && param.example, `${entry.name}.${param.name}`).toBeTruthy();
        if (param.type === 'enum') expect(param.options?.length).toBeGreaterThan(0);
        if (param.type === 'duration') expect(param.name).toMatch(/Ms$/);
        if (param.required) expect(param.default, `${entry.name}.${param.name}`).toBeUndefined();
      }
      if (entry.windowParams) expect(params).toEqual(expect.arrayContaining([entry.windowParams.durationParam, entry.windowParams.slideParam]));
      if (entry.stateful !== undefined && entry.stateful !== true) expect(params).toContain(entry.stateful.whenParam);
    }
  });

  it("accepts every entry's parameter examples and defaults", () => {
    for (const entry of operatorRegistry) {
      const params: Record<string, JsonValue> = {};
      for (const p of entry.params) {
        const value = p.example ?? p.default;
        if (value !== undefined && (entry.checkParams?.({ ...params, [p.name]: value }) ?? []).length === 0) params[p.name] = value;
      }
      const node: PipelineNode = { id: 'n', operator: entry.name, params };
      const problems = validatePipeline({ version: 1, batchDurationMs: 1000, nodes: [node], edges: [] });
      const own = problems.filter((p) => p.param !== undefined);
      expect(own, entry.name).toEqual([]);
    }
  });
});

// ---- apply and code agree ----

const VALUES = [['a b', 'c'], ['b b a'], [], ['c a']];
const PAIRS = [[['a', 1], ['b', 2], ['a', 3]], [['b', 1]], [], [['a', 2], ['c', 5]]];
const OTHER_PAIRS = [[['a', 10]], [['b', 20], ['d', 1]], [['a', 5]], [['c', 7]]];

interface Case {
  readonly operator: string;
  readonly params?: Readonly<Record<string, JsonValue>>;
  readonly input?: 'values' | 'pairs';
  readonly title?: string;
}

const window2s = { windowDurationMs: 2000, slideDurationMs: 1000 };
const CASES: readonly Case[] = [
  { operator: 'generatorStream', params: { kind: 'words', seed: 1, ratePerSecond: 3, wordsPerLine: 2 } },
  { operator: 'generatorStream', params: { kind: 'clicks', seed: 2, ratePerSecond: 2, users: 3, pages: 2, zipfExponent: 0.5 }, title: 'clicks' },
  { operator: 'generatorStream', params: { kind: 'sensors', seed: 3, ratePerSecond: 2, sensors: 2, numPartitions: 1 }, title: 'sensors' },
  { operator: 'queueStream', params: { batches: [['x', 'y'], ['z']] } },
  { operator: 'queueStream', params: { batches: [['x', 'y'], ['z']], oneAtATime: false, numSlices: 1 }, title: 'all at once' },
  { operator: 'map', params: { mapFunc: 'line => line.length' } },
  { operator: 'flatMap', params: { flatMapFunc: "function* (line) { yield* line.split(' '); }" } },
  { operator: 'filter', params: { filterFunc: "line => line.includes('a')" } },
  { operator: 'glom' },
  { operator: 'mapPartitions', params: { mapPartFunc: 'values => [[...values].length]' } },
  { operator: 'mapPartitions', params: { mapPartFunc: 'values => values', preservePartitioning: true }, input: 'pairs', title: 'preserving partitioning' },
  { operator: 'repartition', params: { numPartitions: 3 } },
  { operator: 'union', input: 'values' },
  { operator: 'count' },
  { operator: 'reduce', params: { reduceFunc: "(a, b) => a + '|' + b" } },
  { operator: 'countByValue' },
  { operator: 'countByValue', params: { numPartitions: 1 }, title: 'numPartitions' },
  { operator: 'transform', params: { transformFunc: '(rdd, time) => rdd.map((line) => `${time}: ${line}`)' } },
  {
    operator: 'transform',
    params: { transformFunc: 'rdd => rdd.join(weights)', staticRDDs: { weights: [['a', 0.5], ['c', 2]] } },
    input: 'pairs',
    title: 'with a static RDD',
  },
  { operator: 'transformWith', params: { transformFunc: '(a, b) => a.union(b).distinct()' } },
  { operator: 'mapValues', params: { mapValuesFunc: 'v => v * 10' }, input: 'pairs' },
  { operator: 'flatMapValues', params: { flatMapValuesFunc: 'v => [v, -v]' }, input: 'pairs' },
  { operator: 'groupByKey', input: 'pairs' },
  { operator: 'reduceByKey', params: { reduceFunc: '(a, b) => a + b', numPartitions: 3 }, input: 'pairs' },
  {
    operator: 'combineByKey',
    params: {
      createCombiner: 'v => [v]',
      mergeValue: '(c, v) => [...c, v]',
      mergeCombiners: '(a, b) => [...a, ...b]',
      mapSideCombine: false,
    },
    input: 'pairs',
  },
  { operator: 'join', input: 'pairs' },
  { operator: 'leftOuterJoin', input: 'pairs', params: { numPartitions: 1 } },
  { operator: 'rightOuterJoin', input: 'pairs' },
  { operator: 'fullOuterJoin', input: 'pairs' },
  { operator: 'cogroup', input: 'pairs' },
  { operator: 'window', params: { windowDurationMs: 2000 } },
  { operator: 'window', params: { windowDurationMs: 2000, slideDurationMs: 2000 }, title: 'with a slide' },
  { operator: 'countByWindow', params: window2s },
  { operator: 'reduceByWindow', params: { reduceFunc: '(a, b) => a + b', ...window2s }, input: 'pairs' },
  { operator: 'reduceByWindow', params: { reduceFunc: '(a, b) => a + b', invReduceFunc: '(a, b) => a.slice(b.length)', ...window2s }, title: 'with an inverse function' },
  { operator: 'reduceByKeyAndWindow', params: { reduceFunc: '(a, b) => a + b', windowDurationMs: 2000 }, input: 'pairs' },
  {
    operator: 'reduceByKeyAndWindow',
    params: { reduceFunc: '(a, b) => a + b', invReduceFunc: '(a, b) => a - b', windowDurationMs: 2000, filterFunc: '([, v]) => v !== 0', numPartitions: 1 },
    input: 'pairs',
    title: 'with an inverse function and a filter',
  },
  { operator: 'countByValueAndWindow', params: window2s },
  { operator: 'groupByKeyAndWindow', params: { windowDurationMs: 2000, numPartitions: 1 }, input: 'pairs' },
  { operator: 'updateStateByKey', params: { updateFunc: '(values, sum) => (sum ?? 0) + values.reduce((a, b) => a + b, 0)' }, input: 'pairs' },
  {
    operator: 'updateStateByKey',
    params: {
      updateFunc: '(time, key, values, state) => key === "b" ? undefined : [time.milliseconds, values.length, state ?? null]',
      numPartitions: 1,
      initialRDD: [['b', 0], ['z', 100]],
    },
    input: 'pairs',
    title: 'keyed form, initial state',
  },
  {
    operator: 'mapWithState',
    params: { mappingFunction: '(key, value, state) => { const s = (state.getOption() ?? 0) + (value ?? 0); state.update(s); return [key, s]; }' },
    input: 'pairs',
  },
  {
    operator: 'mapWithState',
    params: {
      mappingFunction: '(time, key, value, state) => (key === "a" ? undefined : [time.milliseconds, key, value])',
      timeoutMs: 2000,
      numPartitions: 1,
      initialState: [['q', 1]],
    },
    input: 'pairs',
    title: 'timed form, timeout, initial state',
  },
  { operator: 'print' },
  { operator: 'print', params: { num: 1 }, title: 'num' },
  { operator: 'collect', params: { limit: 2 } },
  { operator: 'saveAsTextFiles', params: { prefix: 'out/text' } },
  { operator: 'saveAsObjectFiles', params: { prefix: 'out/objects', suffix: 'json' }, input: 'pairs' },
];

/** `source(s) → operator → print` (the operator alone if it is a source; no print after an output). */
function operatorSpec(c: Case): PipelineSpec {
  const entry = getOperator(c.operator)!;
  const data = c.input === 'pairs' ? PAIRS : VALUES;
  const nodes: PipelineNode[] = [];
  const edges: { source: string; target: string; targetPort?: 'in' | 'other' }[] = [];
  entry.inputs.forEach((port, i) => {
    const id = `source${i}`;
    nodes.push({ id, operator: 'queueStream', params: { batches: (i === 0 ? data : c.input === 'pairs' ? OTHER_PAIRS : VALUES) as JsonValue } });
    edges.push({ source: id, target: 'op', targetPort: port.name });
  });
  nodes.push({ id: 'op', operator: c.operator, params: c.params ?? {} });
  if (entry.category !== 'output') {
    nodes.push({ id: 'out', operator: 'print', params: { num: 100 } });
    edges.push({ source: 'op', target: 'out' });
  }
  const stateful = ['updateStateByKey', 'mapWithState', 'countByWindow', 'countByValueAndWindow'].includes(c.operator) || c.params?.invReduceFunc !== undefined;
  return { version: 1, batchDurationMs: 1000, ...(stateful ? { checkpoint: { enabled: true } } : {}), nodes, edges };
}

describe('every operator: apply and code agree', () => {
  it('covers every entry that runs without a network or a directory', () => {
    const covered = new Set(CASES.map((c) => c.operator));
    const missing = operatorRegistry.map((e) => e.name).filter((n) => !covered.has(n));
    expect(missing).toEqual(['socketTextStream', 'textFileStream', 'webSocketTextStream', 'eventSourceStream']);
  });

  for (const c of CASES) {
    it(`${c.operator}${c.title ? ` (${c.title})` : ''}`, async () => {
      const spec = operatorSpec(c);
      expect(validatePipeline(spec)).toEqual([]);
      const compiled = await runCompiled(spec, 5);
      expect(compiled.some((line) => !line.startsWith('---') && !line.startsWith('Time:') && line !== '')).toBe(true);
      expect(await runExported(exportCode(spec), 5)).toEqual(compiled);
    });
  }
});

describe('network and file sources: apply and code call the same method with the same arguments', () => {
  const sourceCases: readonly [string, Readonly<Record<string, JsonValue>>, string][] = [
    ['socketTextStream', { port: 9999 }, "ssc.socketTextStream('localhost', 9999)"],
    ['socketTextStream', { hostname: 'example.org', port: 7 }, "ssc.socketTextStream('example.org', 7)"],
    ['textFileStream', { directory: 'in/' }, "ssc.textFileStream('in/')"],
    ['webSocketTextStream', { url: 'wss://example.org/feed' }, "ssc.webSocketTextStream('wss://example.org/feed')"],
    ['eventSourceStream', { url: '/events' }, "ssc.eventSourceStream('/events')"],
    ['eventSourceStream', { url: 'https://example.org/events', eventTypes: ['tick'] }, "ssc.eventSourceStream('https://example.org/events', { eventTypes: ['tick'] })"],
  ];
  for (const [operator, params, expected] of sourceCases) {
    it(`${operator} ${JSON.stringify(params)}`, () => {
      const entry = getOperator(operator)!;
      const resolved = Object.fromEntries(entry.params.map((p) => [p.name, params[p.name] ?? p.default]));
      const calls: string[] = [];
      const record = (method: string, args: unknown[]): void => {
        while (args.length > 0 && args[args.length - 1] === undefined) args.pop(); // f(a, undefined) is f(a)
        calls.push(`ssc.${method}(${args.map(toCode).join(', ')})`);
      };
      const ssc = new Proxy({}, { get: (_t, method) => (...args: unknown[]) => record(String(method), args) });
      entry.apply([], resolved, { ssc } as unknown as ApplyContext);
      const ctx = { ssc: 'ssc', json: toCode, args: (...a: (string | undefined)[]) => a.filter((x) => x !== undefined).join(', ') } as unknown as CodeContext;
      expect(calls).toEqual([expected]);
      expect(entry.code([], resolved, ctx)).toBe(expected);
    });
  }
});

/** What exportCode's literals look like, for the values these sources take. */
function toCode(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(toCode).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${toCode(v)}`).join(', ')} }`;
  return String(value);
}
