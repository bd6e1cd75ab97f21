import { StateSpec } from '../../streaming/state/StateSpec.js';
import { fnParam, literalRDD, literalRDDCode, ms, num, numCode, numPartitionsParam, pairsDataParam, pairsIn } from './common.js';
import type { OperatorEntry } from './OperatorEntry.js';

/** Operators that keep a state per key across batches (Spark: `updateStateByKey`, `mapWithState`). */
export const stateOperators: readonly OperatorEntry[] = [
  {
    name: 'updateStateByKey',
    category: 'state',
    description: "Keeps a state per key, updated every batch with the key's new values (needs checkpointing).",
    spark: 'PairDStreamFunctions.updateStateByKey',
    inputs: pairsIn,
    output: 'pairs',
    params: [
      fnParam(
        'updateFunc',
        '(values: V[], state: S | undefined) => S | undefined',
        'Returns the new state (undefined removes the key). Told apart by parameter count: (values, state), (time, key, values, state) or (entries) => pairs.',
        '(values, count) => (count ?? 0) + values.length',
        [1, 2, 4],
      ),
      numPartitionsParam,
      pairsDataParam('initialRDD', 'Initial [key, state] pairs.'),
    ],
    stateful: true,
    varName: 'states',
    apply: ([s], p, ctx) => s!.updateStateByKey(ctx.fn(p.updateFunc)!, num(p.numPartitions), literalRDD<[unknown, unknown]>(ctx.ssc, p.initialRDD)),
    code: ([s], p, ctx) =>
      `${s}.updateStateByKey(${ctx.args(ctx.fn(p.updateFunc), numCode(p.numPartitions), literalRDDCode(ctx, p.initialRDD))})`,
  },
  {
    name: 'mapWithState',
    category: 'state',
    description: 'Keeps a state per key, updated by a mapping function that also emits a record per call; keys can time out (needs checkpointing).',
    spark: 'PairDStreamFunctions.mapWithState',
    inputs: pairsIn,
    output: 'any',
    params: [
      fnParam(
        'mappingFunction',
        '(key: K, value: V | undefined, state: State<S>) => M',
        'Reads and updates the state (state.getOption(), state.update(s), state.remove(), state.isTimingOut()) and returns the record to emit. The (time, key, value, state) form emits nothing when it returns undefined.',
        '(word, one, state) => { const sum = (one ?? 0) + (state.getOption() ?? 0); state.update(sum); return [word, sum]; }',
        [3, 4],
      ),
      { name: 'timeoutMs', type: 'duration', min: 1, example: 60_000, description: 'Removes the state of a key idle this long, after a last call with state.isTimingOut() true (Spark: StateSpec.timeout).' },
      numPartitionsParam,
      pairsDataParam('initialState', 'Initial [key, state] pairs (Spark: StateSpec.initialState).'),
    ],
    stateful: true,
    varName: 'mappedStates',
    apply: ([s], p, ctx) => {
      const spec = StateSpec.function(ctx.fn(p.mappingFunction)!);
      const timeout = ms(p.timeoutMs);
      if (timeout) spec.timeout(timeout);
      const numPartitions = num(p.numPartitions);
      if (numPartitions !== undefined) spec.numPartitions(numPartitions);
      const initial = literalRDD<[unknown, unknown]>(ctx.ssc, p.initialState);
      if (initial) spec.initialState(initial);
      return s!.mapWithState(spec);
    },
    code: ([s], p, ctx) => {
      let spec = `${ctx.use('StateSpec')}.function(${ctx.fn(p.mappingFunction)})`;
      if (p.timeoutMs !== undefined) spec += `.timeout(${ctx.duration(p.timeoutMs)})`;
      if (p.numPartitions !== undefined) spec += `.numPartitions(${p.numPartitions})`;
      if (p.initialState !== undefined) spec += `.initialState(${literalRDDCode(ctx, p.initialState)})`;
      return `${s}.mapWithState(${spec})`;
    },
  },
];
