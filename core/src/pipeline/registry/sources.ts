import type { GeneratorStreamOptions } from '../../connectors/syntheticRecords.js';
import type { JsonValue } from '../PipelineSpec.js';
import { numPartitionsParam } from './common.js';
import type { ElementKind, OperatorEntry, OperatorParams } from './OperatorEntry.js';

/**
 * Input streams a visual user can place (Spark: the input streams of `StreamingContext`). Not
 * here: `fromAsyncIterable` and `receiverStream`, which take a JavaScript object (an iterable, a
 * `Receiver` subclass) that a JSON spec cannot hold.
 */
export const sources: readonly OperatorEntry[] = [
  {
    name: 'generatorStream',
    category: 'source',
    description: 'Seeded synthetic data — lines of words, clicks {user, page, ts} or sensor readings {sensor, value, ts} — at a steady rate; the same seed gives the same batches.',
    spark: "none: Rivulet's own (cf. StreamingContext.queueStream)",
    inputs: [],
    output: 'values',
    params: [
      { name: 'kind', type: 'enum', options: ['words', 'clicks', 'sensors'], default: 'words', description: 'What to generate.' },
      { name: 'ratePerSecond', type: 'number', default: 10, min: 0.001, max: 100_000, description: 'Records per second of clock time.' },
      { name: 'seed', type: 'integer', default: 0, description: 'Same seed, same records.' },
      { ...numPartitionsParam, description: "Partitions of each batch; default: the context's default parallelism." },
      { name: 'wordsPerLine', type: 'integer', min: 1, max: 1000, description: "words: words per record, joined with spaces. Default 1." },
      { name: 'vocabulary', type: 'json', example: ['spark', 'stream', 'batch'], check: checkVocabulary, description: 'words: the words, most frequent first. Default: 100 common English words.' },
      { name: 'users', type: 'integer', min: 1, max: 1_000_000, description: 'clicks: how many users click. Default 100.' },
      { name: 'pages', type: 'integer', min: 1, max: 1_000_000, description: 'clicks: how many pages are clicked. Default 20.' },
      { name: 'sensors', type: 'integer', min: 1, max: 1_000_000, description: 'sensors: how many sensors report, in turn. Default 10.' },
      { name: 'zipfExponent', type: 'number', min: 0, max: 10, description: 'words, clicks: how skewed word or page frequencies are (0: uniform). Default 1.' },
    ],
    checkParams: (p) =>
      KIND_SPECIFIC.filter(([param, kinds]) => p[param] !== undefined && p.kind !== undefined && !kinds.includes(p.kind as string)).map(([param, kinds]) => ({
        param,
        message: `${param} applies to kind ${kinds.map((k) => `'${k}'`).join(' or ')}, not '${String(p.kind)}'; remove it`,
      })),
    varName: 'generated',
    apply: (_inputs, p, ctx) => ctx.ssc.generatorStream(generatorOptions(p) as never),
    code: (_inputs, p, ctx) => `${ctx.ssc}.generatorStream(${ctx.json(generatorOptions(p) as unknown as JsonValue)})`,
  },
  {
    name: 'queueStream',
    category: 'source',
    description: 'Literal batches, one per batch interval (all at once if oneAtATime is false), then empty batches: for teaching and tests.',
    spark: 'StreamingContext.queueStream',
    inputs: [],
    output: (p) => kindOfBatches(p.batches),
    params: [
      {
        name: 'batches',
        type: 'json',
        required: true,
        example: [['a b', 'b'], ['c']],
        check: (value) =>
          Array.isArray(value) && value.every((batch) => Array.isArray(batch))
            ? undefined
            : 'it must be an array of batches, each an array of elements, e.g. [["a b", "b"], ["c"]]',
        description: 'The batches, each an array of elements; [key, value] arrays make a pair stream.',
      },
      { name: 'oneAtATime', type: 'boolean', default: true, description: 'One batch per interval, or all of them in the first.' },
      { name: 'numSlices', type: 'integer', min: 1, max: 1024, description: "Partitions of each batch's RDD; default: the context's default parallelism." },
    ],
    varName: 'queued',
    apply: (_inputs, p, ctx) => {
      const rdds = (p.batches as JsonValue[][]).map((batch) => ctx.ssc.rddContext.parallelize(batch, p.numSlices as number | undefined));
      // An explicit empty default RDD: once the batches run out, the stream keeps producing empty
      // batches (as Spark's queueStream does), so operators on two streams keep running.
      return ctx.ssc.queueStream(rdds, p.oneAtATime as boolean, ctx.ssc.rddContext.emptyRDD());
    },
    code: (_inputs, p, ctx) => {
      const slices = p.numSlices === undefined ? '' : `, ${p.numSlices}`;
      const rdds = `${ctx.json(p.batches)}.map((batch) => ${ctx.ssc}.rddContext.parallelize<any>(batch${slices}))`;
      return `${ctx.ssc}.queueStream(${rdds}, ${p.oneAtATime !== false}, ${ctx.ssc}.rddContext.emptyRDD())`;
    },
  },
  {
    name: 'socketTextStream',
    category: 'source',
    description: 'UTF-8 lines received over TCP, reconnecting when the connection closes. Node only.',
    spark: 'StreamingContext.socketTextStream',
    inputs: [],
    output: 'values',
    params: [
      { name: 'hostname', type: 'string', default: 'localhost', description: 'The host to connect to.' },
      { name: 'port', type: 'integer', required: true, min: 1, max: 65_535, example: 9999, description: 'The TCP port (e.g. of `nc -lk 9999`).' },
    ],
    varName: 'lines',
    apply: (_inputs, p, ctx) => ctx.ssc.socketTextStream(p.hostname as string, p.port as number),
    code: (_inputs, p, ctx) => `${ctx.ssc}.socketTextStream(${ctx.json(p.hostname)}, ${p.port})`,
  },
  {
    name: 'textFileStream',
    category: 'source',
    description: 'The lines of the files that appear in a local directory, each file in the batch that sees it. Node only.',
    spark: 'StreamingContext.textFileStream',
    inputs: [],
    output: 'values',
    params: [{ name: 'directory', type: 'string', required: true, example: 'in/', description: 'The directory to watch; move finished files into it.' }],
    varName: 'lines',
    apply: (_inputs, p, ctx) => ctx.ssc.textFileStream(p.directory as string),
    code: (_inputs, p, ctx) => `${ctx.ssc}.textFileStream(${ctx.json(p.directory)})`,
  },
  {
    name: 'webSocketTextStream',
    category: 'source',
    description: 'One record per WebSocket message, reconnecting when the socket closes.',
    spark: "none: Rivulet's own (cf. StreamingContext.socketTextStream)",
    inputs: [],
    output: 'values',
    params: [
      {
        name: 'url',
        type: 'string',
        required: true,
        example: 'ws://localhost:8080/events',
        check: (value) => (/^wss?:\/\//i.test(value as string) ? undefined : 'it must be a ws:// or wss:// URL, e.g. ws://localhost:8080/events'),
        description: 'The WebSocket URL.',
      },
    ],
    varName: 'messages',
    apply: (_inputs, p, ctx) => ctx.ssc.webSocketTextStream(p.url as string),
    code: (_inputs, p, ctx) => `${ctx.ssc}.webSocketTextStream(${ctx.json(p.url)})`,
  },
  {
    name: 'eventSourceStream',
    category: 'source',
    description: 'One record per Server-Sent Event (its data), reconnecting on errors.',
    spark: "none: Rivulet's own (cf. StreamingContext.socketTextStream)",
    inputs: [],
    output: 'values',
    params: [
      {
        name: 'url',
        type: 'string',
        required: true,
        example: 'http://localhost:8080/events',
        check: (value) =>
          /^https?:\/\//i.test(value as string) || (value as string).startsWith('/')
            ? undefined
            : 'it must be an http(s) URL or a path, e.g. http://localhost:8080/events',
        description: 'The URL of the event stream.',
      },
      {
        name: 'eventTypes',
        type: 'json',
        example: ['message'],
        check: (value) =>
          Array.isArray(value) && value.length > 0 && value.every((t) => typeof t === 'string')
            ? undefined
            : 'it must be a non-empty array of event type names, e.g. ["message"]',
        description: "The event types to receive. Default ['message'].",
      },
    ],
    varName: 'events',
    apply: (_inputs, p, ctx) =>
      ctx.ssc.eventSourceStream(p.url as string, p.eventTypes === undefined ? undefined : { eventTypes: p.eventTypes as string[] }),
    code: (_inputs, p, ctx) =>
      `${ctx.ssc}.eventSourceStream(${ctx.args(ctx.json(p.url), p.eventTypes === undefined ? undefined : `{ eventTypes: ${ctx.json(p.eventTypes)} }`)})`,
  },
];

/** The generator parameters that only one or two kinds take. */
const KIND_SPECIFIC: readonly (readonly [string, readonly string[]])[] = [
  ['wordsPerLine', ['words']],
  ['vocabulary', ['words']],
  ['users', ['clicks']],
  ['pages', ['clicks']],
  ['sensors', ['sensors']],
  ['zipfExponent', ['words', 'clicks']],
];

/** `generatorStream`'s options from a node's parameters, in a fixed order, leaving absent ones out. */
function generatorOptions(p: OperatorParams): GeneratorStreamOptions {
  const options: Record<string, JsonValue> = {};
  for (const name of ['kind', 'seed', 'ratePerSecond', 'numPartitions', ...KIND_SPECIFIC.map(([param]) => param)]) {
    const value = p[name];
    if (value !== undefined) options[name] = value;
  }
  return options as unknown as GeneratorStreamOptions;
}

function checkVocabulary(value: JsonValue): string | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((w) => typeof w === 'string')
    ? undefined
    : 'it must be a non-empty array of words, e.g. ["spark", "stream"]';
}

/** Pairs if every element is a two-element array, values if none is, unknown otherwise (or when empty). */
function kindOfBatches(batches: JsonValue | undefined): ElementKind {
  if (!Array.isArray(batches)) return 'any';
  let pairs = 0;
  let values = 0;
  for (const batch of batches) {
    if (!Array.isArray(batch)) return 'any';
    for (const element of batch) {
      if (Array.isArray(element) && element.length === 2) pairs++;
      else values++;
    }
  }
  return pairs > 0 && values === 0 ? 'pairs' : values > 0 && pairs === 0 ? 'values' : 'any';
}
