import type { OperatorEntry } from './OperatorEntry.js';
import { outputs } from './outputs.js';
import { joins, pairTransformations } from './pairs.js';
import { sources } from './sources.js';
import { stateOperators } from './state.js';
import { transformations } from './transformations.js';
import { windows } from './windows.js';

/**
 * Every operator a pipeline spec can use, in palette order: sources, transformations, pair
 * transformations, joins, windows, state, outputs. The editor's palette, the JSON compiler, code
 * export and the README's operator table are all generated from this list; nothing else lists
 * operators.
 */
export const operatorRegistry: readonly OperatorEntry[] = Object.freeze([
  ...sources,
  ...transformations,
  ...pairTransformations,
  ...joins,
  ...windows,
  ...stateOperators,
  ...outputs,
]);

const byName: ReadonlyMap<string, OperatorEntry> = new Map(operatorRegistry.map((entry) => [entry.name, entry]));

/** The entry of an operator by its Spark name, or undefined if the registry has none. */
export function getOperator(name: string): OperatorEntry | undefined {
  return byName.get(name);
}
