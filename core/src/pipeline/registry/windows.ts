import { anyIn, fnParam, ms, num, numCode, numPartitionsParam, optionalFnParam, pairsIn, slideDurationParam, windowDurationParam } from './common.js';
import type { OperatorEntry } from './OperatorEntry.js';

const windowParams = { durationParam: 'windowDurationMs', slideParam: 'slideDurationMs' } as const;

/** Window operations (Spark: the window operations of `DStream` and `PairDStreamFunctions`). */
export const windows: readonly OperatorEntry[] = [
  {
    name: 'window',
    category: 'window',
    description: 'All elements of the last window, every slide.',
    spark: 'DStream.window',
    inputs: anyIn,
    output: 'input',
    params: [windowDurationParam(), slideDurationParam(false)],
    windowParams,
    varName: 'windowed',
    apply: ([s], p) => s!.window(ms(p.windowDurationMs)!, ms(p.slideDurationMs)),
    code: ([s], p, ctx) =>
      `${s}.window(${ctx.args(ctx.duration(p.windowDurationMs), ctx.duration(p.slideDurationMs))})`,
  },
  {
    name: 'countByWindow',
    category: 'window',
    description: 'The number of elements in every window, computed incrementally (needs checkpointing).',
    spark: 'DStream.countByWindow',
    inputs: anyIn,
    output: 'values',
    params: [windowDurationParam(), slideDurationParam(true)],
    windowParams,
    stateful: true,
    varName: 'windowCounts',
    apply: ([s], p) => s!.countByWindow(ms(p.windowDurationMs)!, ms(p.slideDurationMs)!),
    code: ([s], p, ctx) => `${s}.countByWindow(${ctx.duration(p.windowDurationMs)}, ${ctx.duration(p.slideDurationMs)})`,
  },
  {
    name: 'reduceByWindow',
    category: 'window',
    description: 'Reduces every window to one element; with an inverse function, incrementally (then it needs checkpointing).',
    spark: 'DStream.reduceByWindow',
    inputs: anyIn,
    output: 'input',
    params: [
      fnParam('reduceFunc', '(a: T, b: T) => T', 'Combines two elements; associative and commutative.', '(a, b) => a + b'),
      optionalFnParam('invReduceFunc', '(a: T, b: T) => T', 'Undoes reduceFunc: removes the elements leaving the window.', '(a, b) => a - b'),
      windowDurationParam(),
      slideDurationParam(true),
    ],
    windowParams,
    stateful: { whenParam: 'invReduceFunc' },
    varName: 'windowReduced',
    apply: ([s], p, ctx) =>
      p.invReduceFunc === undefined
        ? s!.reduceByWindow(ctx.fn(p.reduceFunc)!, ms(p.windowDurationMs)!, ms(p.slideDurationMs)!)
        : s!.reduceByWindow(ctx.fn(p.reduceFunc)!, ctx.fn(p.invReduceFunc)!, ms(p.windowDurationMs)!, ms(p.slideDurationMs)!),
    code: ([s], p, ctx) =>
      `${s}.reduceByWindow(${ctx.args(
        ctx.fn(p.reduceFunc),
        ...(p.invReduceFunc === undefined ? [] : [ctx.fn(p.invReduceFunc)]),
        ctx.duration(p.windowDurationMs),
        ctx.duration(p.slideDurationMs),
      )})`,
  },
  {
    name: 'reduceByKeyAndWindow',
    category: 'window',
    description:
      'Reduces the values of every window by key; with an inverse function, incrementally (then it needs checkpointing, and filterFunc may drop pairs).',
    spark: 'PairDStreamFunctions.reduceByKeyAndWindow',
    inputs: pairsIn,
    output: 'pairs',
    params: [
      fnParam('reduceFunc', '(a: V, b: V) => V', 'Combines two values of a key; associative and commutative.', '(a, b) => a + b'),
      optionalFnParam('invReduceFunc', '(a: V, b: V) => V', 'Undoes reduceFunc: removes the values leaving the window.', '(a, b) => a - b'),
      windowDurationParam(),
      slideDurationParam(false),
      numPartitionsParam,
      optionalFnParam('filterFunc', '(pair: [K, V]) => boolean', 'With invReduceFunc: keeps the pairs for which it is true (drop counts back at 0).', '([word, count]) => count > 0'),
    ],
    checkParams: (p) =>
      p.filterFunc !== undefined && p.invReduceFunc === undefined
        ? [{ param: 'filterFunc', message: 'filterFunc is only used with invReduceFunc; add an inverse function or remove filterFunc' }]
        : [],
    windowParams,
    stateful: { whenParam: 'invReduceFunc' },
    varName: 'windowedCounts',
    apply: ([s], p, ctx) =>
      p.invReduceFunc === undefined
        ? s!.reduceByKeyAndWindow(ctx.fn(p.reduceFunc)!, ms(p.windowDurationMs)!, ms(p.slideDurationMs), num(p.numPartitions))
        : s!.reduceByKeyAndWindow(
            ctx.fn(p.reduceFunc)!,
            ctx.fn(p.invReduceFunc)!,
            ms(p.windowDurationMs)!,
            ms(p.slideDurationMs),
            num(p.numPartitions),
            ctx.fn(p.filterFunc),
          ),
    code: ([s], p, ctx) =>
      `${s}.reduceByKeyAndWindow(${ctx.args(
        ctx.fn(p.reduceFunc),
        ...(p.invReduceFunc === undefined ? [] : [ctx.fn(p.invReduceFunc)]),
        ctx.duration(p.windowDurationMs),
        ctx.duration(p.slideDurationMs),
        numCode(p.numPartitions),
        ctx.fn(p.filterFunc),
      )})`,
  },
  {
    name: 'countByValueAndWindow',
    category: 'window',
    description: 'Counts each distinct element in every window, incrementally (needs checkpointing).',
    spark: 'DStream.countByValueAndWindow',
    inputs: anyIn,
    output: 'pairs',
    params: [windowDurationParam(), slideDurationParam(true), numPartitionsParam],
    windowParams,
    stateful: true,
    varName: 'windowValueCounts',
    apply: ([s], p) => s!.countByValueAndWindow(ms(p.windowDurationMs)!, ms(p.slideDurationMs)!, num(p.numPartitions)),
    code: ([s], p, ctx) =>
      `${s}.countByValueAndWindow(${ctx.args(ctx.duration(p.windowDurationMs), ctx.duration(p.slideDurationMs), numCode(p.numPartitions))})`,
  },
  {
    name: 'groupByKeyAndWindow',
    category: 'window',
    description: 'Groups the values of every window by key, as [key, values[]] pairs.',
    spark: 'PairDStreamFunctions.groupByKeyAndWindow',
    inputs: pairsIn,
    output: 'pairs',
    params: [windowDurationParam(), slideDurationParam(false), numPartitionsParam],
    windowParams,
    varName: 'windowGroups',
    apply: ([s], p) => s!.groupByKeyAndWindow(ms(p.windowDurationMs)!, ms(p.slideDurationMs), num(p.numPartitions)),
    code: ([s], p, ctx) =>
      `${s}.groupByKeyAndWindow(${ctx.args(
        ctx.duration(p.windowDurationMs),
        ctx.duration(p.slideDurationMs),
        numCode(p.numPartitions),
      )})`,
  },
];
