import { fnParam, num, numCode, numPartitionsParam, pairsIn, twoPairsIn } from './common.js';
import type { OperatorEntry } from './OperatorEntry.js';

/** Transformations on streams of `[key, value]` pairs (Spark: `PairDStreamFunctions`). */
export const pairTransformations: readonly OperatorEntry[] = [
  {
    name: 'mapValues',
    category: 'transformation',
    description: 'Applies a function to the value of every pair, keeping its key.',
    spark: 'PairDStreamFunctions.mapValues',
    inputs: pairsIn,
    output: 'pairs',
    params: [fnParam('mapValuesFunc', '(value: V) => W', 'Returns the new value.', 'count => count * 2')],
    varName: 'mappedValues',
    apply: ([s], p, ctx) => s!.mapValues(ctx.fn(p.mapValuesFunc)!),
    code: ([s], p, ctx) => `${s}.mapValues(${ctx.fn(p.mapValuesFunc)})`,
  },
  {
    name: 'flatMapValues',
    category: 'transformation',
    description: 'Maps the value of every pair to zero or more values, each paired with the key.',
    spark: 'PairDStreamFunctions.flatMapValues',
    inputs: pairsIn,
    output: 'pairs',
    params: [fnParam('flatMapValuesFunc', '(value: V) => Iterable<W>', 'Returns an iterable of new values.', "text => text.split(' ')")],
    varName: 'flatMappedValues',
    apply: ([s], p, ctx) => s!.flatMapValues(ctx.fn(p.flatMapValuesFunc)!),
    code: ([s], p, ctx) => `${s}.flatMapValues(${ctx.fn(p.flatMapValuesFunc)})`,
  },
  {
    name: 'groupByKey',
    category: 'transformation',
    description: 'Groups the values of every batch by key, as [key, values[]] pairs.',
    spark: 'PairDStreamFunctions.groupByKey',
    inputs: pairsIn,
    output: 'pairs',
    params: [numPartitionsParam],
    varName: 'grouped',
    apply: ([s], p) => s!.groupByKey(num(p.numPartitions)),
    code: ([s], p) => `${s}.groupByKey(${numCode(p.numPartitions) ?? ''})`,
  },
  {
    name: 'reduceByKey',
    category: 'transformation',
    description: 'Reduces the values of every batch by key with an associative, commutative function.',
    spark: 'PairDStreamFunctions.reduceByKey',
    inputs: pairsIn,
    output: 'pairs',
    params: [fnParam('reduceFunc', '(a: V, b: V) => V', 'Combines two values of a key; associative and commutative.', '(a, b) => a + b'), numPartitionsParam],
    varName: 'reduced',
    apply: ([s], p, ctx) => s!.reduceByKey(ctx.fn(p.reduceFunc)!, num(p.numPartitions)),
    code: ([s], p, ctx) => `${s}.reduceByKey(${ctx.args(ctx.fn(p.reduceFunc), numCode(p.numPartitions))})`,
  },
  {
    name: 'combineByKey',
    category: 'transformation',
    description: "Combines the values of every batch by key into a combiner of another type.",
    spark: 'PairDStreamFunctions.combineByKey',
    inputs: pairsIn,
    output: 'pairs',
    params: [
      fnParam('createCombiner', '(value: V) => C', "Makes a combiner from a key's first value.", 'value => [value, 1]'),
      fnParam('mergeValue', '(combiner: C, value: V) => C', 'Adds a value to a combiner.', '([sum, n], value) => [sum + value, n + 1]'),
      fnParam('mergeCombiners', '(a: C, b: C) => C', 'Merges two combiners of a key.', '([s1, n1], [s2, n2]) => [s1 + s2, n1 + n2]'),
      numPartitionsParam,
      { name: 'mapSideCombine', type: 'boolean', default: true, description: 'Whether values are combined before the shuffle.' },
    ],
    varName: 'combined',
    apply: ([s], p, ctx) =>
      s!.combineByKey(ctx.fn(p.createCombiner)!, ctx.fn(p.mergeValue)!, ctx.fn(p.mergeCombiners)!, num(p.numPartitions), p.mapSideCombine as boolean),
    code: ([s], p, ctx) =>
      `${s}.combineByKey(${ctx.args(
        ctx.fn(p.createCombiner),
        ctx.fn(p.mergeValue),
        ctx.fn(p.mergeCombiners),
        numCode(p.numPartitions),
        p.mapSideCombine === false ? 'false' : undefined,
      )})`,
  },
];

type JoinName = 'join' | 'leftOuterJoin' | 'rightOuterJoin' | 'fullOuterJoin' | 'cogroup';

function joinEntry(name: JoinName, description: string, varName: string): OperatorEntry {
  return {
    name,
    category: 'join',
    description,
    spark: `PairDStreamFunctions.${name}`,
    inputs: twoPairsIn,
    output: 'pairs',
    params: [numPartitionsParam],
    varName,
    apply: ([a, b], p) => a![name](b!, num(p.numPartitions)),
    code: ([a, b], p, ctx) => `${a}.${name}(${ctx.args(b, numCode(p.numPartitions))})`,
  };
}

/** Joins of two pair streams, batch by batch (Spark: `PairDStreamFunctions.join` and friends). */
export const joins: readonly OperatorEntry[] = [
  joinEntry('join', 'Pairs up the values of the same key in both streams: [key, [v, w]].', 'joined'),
  joinEntry('leftOuterJoin', 'Like join, keeping every key of the first stream: [key, [v, w | undefined]].', 'leftJoined'),
  joinEntry('rightOuterJoin', 'Like join, keeping every key of the second stream: [key, [v | undefined, w]].', 'rightJoined'),
  joinEntry('fullOuterJoin', 'Like join, keeping every key of either stream: [key, [v | undefined, w | undefined]].', 'fullJoined'),
  joinEntry('cogroup', 'Groups the values of each key in both streams: [key, [vs[], ws[]]].', 'cogrouped'),
];
