import type { RDD } from '../../rdd/internal.js';
import type { StreamingContext } from '../../streaming/StreamingContext.js';
import type { JsonValue } from '../PipelineSpec.js';
import { isPlainIdentifier } from '../reservedNames.js';
import { anyIn, fnParam, num, numCode, numPartitionsParam } from './common.js';
import type { CodeContext, OperatorEntry, ParamSpec } from './OperatorEntry.js';

/** Transformations on any stream (Spark: the transformations of `DStream`). */
export const transformations: readonly OperatorEntry[] = [
  {
    name: 'map',
    category: 'transformation',
    description: 'Applies a function to every element.',
    spark: 'DStream.map',
    inputs: anyIn,
    output: 'any',
    params: [fnParam('mapFunc', '(value: T) => U', 'Returns the new element; return [key, value] to make pairs.', 'word => [word, 1]')],
    varName: 'mapped',
    apply: ([s], p, ctx) => s!.map(ctx.fn(p.mapFunc)!),
    code: ([s], p, ctx) => `${s}.map(${ctx.fn(p.mapFunc)})`,
  },
  {
    name: 'flatMap',
    category: 'transformation',
    description: 'Maps every element to zero or more elements.',
    spark: 'DStream.flatMap',
    inputs: anyIn,
    output: 'any',
    params: [fnParam('flatMapFunc', '(value: T) => Iterable<U>', 'Returns an iterable (an array, a generator) of new elements.', "line => line.split(' ')")],
    varName: 'flatMapped',
    apply: ([s], p, ctx) => s!.flatMap(ctx.fn(p.flatMapFunc)!),
    code: ([s], p, ctx) => `${s}.flatMap(${ctx.fn(p.flatMapFunc)})`,
  },
  {
    name: 'filter',
    category: 'transformation',
    description: 'Keeps the elements for which the predicate is true.',
    spark: 'DStream.filter',
    inputs: anyIn,
    output: 'input',
    params: [fnParam('filterFunc', '(value: T) => boolean', 'True to keep the element.', 'word => word.length > 3')],
    varName: 'filtered',
    apply: ([s], p, ctx) => s!.filter(ctx.fn(p.filterFunc)!),
    code: ([s], p, ctx) => `${s}.filter(${ctx.fn(p.filterFunc)})`,
  },
  {
    name: 'glom',
    category: 'transformation',
    description: "Turns each partition of every batch into one array of the partition's elements.",
    spark: 'DStream.glom',
    inputs: anyIn,
    output: 'values',
    params: [],
    varName: 'glommed',
    apply: ([s]) => s!.glom(),
    code: ([s]) => `${s}.glom()`,
  },
  {
    name: 'mapPartitions',
    category: 'transformation',
    description: 'Applies a function to each partition of every batch at once.',
    spark: 'DStream.mapPartitions',
    inputs: anyIn,
    output: 'any',
    params: [
      fnParam('mapPartFunc', '(values: Iterable<T>) => Iterable<U>', "Gets a partition's elements, returns the new ones.", 'values => [[...values].length]'),
      { name: 'preservePartitioning', type: 'boolean', default: false, description: 'Whether the function keeps the keys of pairs where they are.' },
    ],
    varName: 'mappedPartitions',
    apply: ([s], p, ctx) => s!.mapPartitions(ctx.fn(p.mapPartFunc)!, p.preservePartitioning as boolean),
    code: ([s], p, ctx) => `${s}.mapPartitions(${ctx.args(ctx.fn(p.mapPartFunc), p.preservePartitioning ? 'true' : undefined)})`,
  },
  {
    name: 'repartition',
    category: 'transformation',
    description: 'Spreads every batch over a given number of partitions.',
    spark: 'DStream.repartition',
    inputs: anyIn,
    output: 'input',
    params: [{ ...numPartitionsParam, required: true, example: 4, description: 'Partitions of each batch.' }],
    varName: 'repartitioned',
    apply: ([s], p) => s!.repartition(p.numPartitions as number),
    code: ([s], p) => `${s}.repartition(${p.numPartitions})`,
  },
  {
    name: 'union',
    category: 'transformation',
    description: 'The elements of both streams, batch by batch; both must have the same slide.',
    spark: 'DStream.union',
    inputs: [
      { name: 'in', kind: 'any', description: 'The first stream.' },
      { name: 'other', kind: 'any', description: 'The second stream, with the same slide.' },
    ],
    output: 'input',
    params: [],
    varName: 'unioned',
    apply: ([a, b]) => a!.union(b!),
    code: ([a, b]) => `${a}.union(${b})`,
  },
  {
    name: 'count',
    category: 'transformation',
    description: 'The number of elements of every batch, as a one-element stream ([0] for an empty batch).',
    spark: 'DStream.count',
    inputs: anyIn,
    output: 'values',
    params: [],
    varName: 'counted',
    apply: ([s]) => s!.count(),
    code: ([s]) => `${s}.count()`,
  },
  {
    name: 'reduce',
    category: 'transformation',
    description: 'Reduces every batch to one element with an associative, commutative function.',
    spark: 'DStream.reduce',
    inputs: anyIn,
    output: 'input',
    params: [fnParam('reduceFunc', '(a: T, b: T) => T', 'Combines two elements; associative and commutative.', '(a, b) => a + b')],
    varName: 'reduced',
    apply: ([s], p, ctx) => s!.reduce(ctx.fn(p.reduceFunc)!),
    code: ([s], p, ctx) => `${s}.reduce(${ctx.fn(p.reduceFunc)})`,
  },
  {
    name: 'countByValue',
    category: 'transformation',
    description: 'Counts each distinct element of every batch, as [element, count] pairs.',
    spark: 'DStream.countByValue',
    inputs: anyIn,
    output: 'pairs',
    params: [numPartitionsParam],
    varName: 'valueCounts',
    apply: ([s], p) => s!.countByValue(num(p.numPartitions)),
    code: ([s], p) => `${s}.countByValue(${numCode(p.numPartitions) ?? ''})`,
  },
  {
    name: 'transform',
    category: 'transformation',
    description: "Applies an RDD-to-RDD function to every batch, e.g. to join it with a static RDD.",
    spark: 'DStream.transform',
    inputs: anyIn,
    output: 'any',
    params: [
      fnParam('transformFunc', '(rdd: RDD<T>, time: Time) => RDD<U>', "Gets the batch's RDD (and its time) and returns a new RDD; may use the static RDDs by name.", 'rdd => rdd.distinct()'),
      staticRDDsParam(),
    ],
    varName: 'transformed',
    apply: ([s], p, ctx) => s!.transform(ctx.fn(p.transformFunc, staticRDDs(ctx.ssc, p.staticRDDs))!),
    code: ([s], p, ctx) => {
      declareStaticRDDs(ctx, p.staticRDDs);
      return `${s}.transform(${ctx.fn(p.transformFunc)})`;
    },
  },
  {
    name: 'transformWith',
    category: 'transformation',
    description: "Combines every batch of two streams with an RDD function; both must have the same slide.",
    spark: 'DStream.transformWith',
    inputs: [
      { name: 'in', kind: 'any', description: 'The first stream: the function\'s first RDD.' },
      { name: 'other', kind: 'any', description: "The second stream, with the same slide: the function's second RDD." },
    ],
    output: 'any',
    params: [
      fnParam('transformFunc', '(rdd: RDD<T>, other: RDD<U>, time: Time) => RDD<V>', "Gets both batches' RDDs (and their time) and returns a new RDD.", '(a, b) => a.union(b)'),
      staticRDDsParam(),
    ],
    varName: 'combined',
    apply: ([a, b], p, ctx) => a!.transformWith(b!, ctx.fn(p.transformFunc, staticRDDs(ctx.ssc, p.staticRDDs))!),
    code: ([a, b], p, ctx) => {
      declareStaticRDDs(ctx, p.staticRDDs);
      return `${a}.transformWith(${b}, ${ctx.fn(p.transformFunc)})`;
    },
  },
];

// ---- Static RDDs ----

/**
 * Spark's `transform` often joins a batch with an RDD the closure captured (the programming
 * guide's spam filter). A spec has no closures, so a node lists literal data by name; each entry
 * becomes an RDD the function refers to by that name.
 */
function staticRDDsParam(): ParamSpec {
  return {
    name: 'staticRDDs',
    type: 'json',
    description: 'Literal data by name: each becomes an RDD (ssc.rddContext.parallelize(data)) the function can use under that name.',
    example: { spamInfo: [['spam', true]] },
    check: checkStaticRDDs,
  };
}

function checkStaticRDDs(value: JsonValue): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'it must be an object mapping names to arrays, e.g. {"spamInfo": [["spam", true]]}';
  }
  for (const [name, data] of Object.entries(value)) {
    if (!isPlainIdentifier(name)) return `'${name}' is not a usable variable name; use letters, digits, _ or $ (e.g. spamInfo)`;
    if (!Array.isArray(data)) return `'${name}' must be an array of elements, e.g. [["spam", true]]`;
  }
  return undefined;
}

/** The RDDs of a node's `staticRDDs`, by name. */
function staticRDDs(ssc: StreamingContext, value: JsonValue | undefined): Record<string, RDD<unknown>> {
  // fromEntries defines own properties, so no name can reach a prototype.
  const entries = Object.entries((value ?? {}) as Record<string, JsonValue[]>);
  return Object.fromEntries(entries.map(([name, data]) => [name, ssc.rddContext.parallelize(data)]));
}

/** Declares a node's static RDDs before its statement. */
function declareStaticRDDs(ctx: CodeContext, value: JsonValue | undefined): void {
  if (value === undefined) return;
  for (const [name, data] of Object.entries(value as Record<string, JsonValue>)) {
    ctx.before(`const ${name} = ${ctx.ssc}.rddContext.parallelize<any>(${ctx.json(data)});`);
  }
}
