import type { RDD } from '../../rdd/internal.js';
import { Milliseconds, type Duration } from '../../streaming/Duration.js';
import type { StreamingContext } from '../../streaming/StreamingContext.js';
import type { JsonValue } from '../PipelineSpec.js';
import type { CodeContext, ParamSpec, PortSpec } from './OperatorEntry.js';

/** Building blocks shared by the registry's entries. */

// ---- Ports ----

export const anyIn: readonly PortSpec[] = [{ name: 'in', kind: 'any', description: 'The stream the operator is applied to.' }];
export const pairsIn: readonly PortSpec[] = [
  { name: 'in', kind: 'pairs', description: 'A stream of [key, value] pairs.' },
];
export const twoPairsIn: readonly PortSpec[] = [
  { name: 'in', kind: 'pairs', description: 'A stream of [key, value] pairs.' },
  { name: 'other', kind: 'pairs', description: 'The other stream of [key, value] pairs, with the same slide.' },
];

// ---- Parameters ----

/** A required function parameter. */
export function fnParam(name: string, signature: string, description: string, example: string, arities?: readonly number[]): ParamSpec {
  return { name, type: 'function', required: true, signature, description, example, ...(arities ? { arities } : {}) };
}

/** An optional function parameter. */
export function optionalFnParam(name: string, signature: string, description: string, example: string): ParamSpec {
  return { name, type: 'function', signature, description, example };
}

export const numPartitionsParam: ParamSpec = {
  name: 'numPartitions',
  type: 'integer',
  min: 1,
  max: 1024,
  description: "Partitions of the result (a HashPartitioner); default: the context's default parallelism.",
};

export function windowDurationParam(): ParamSpec {
  return { name: 'windowDurationMs', type: 'duration', required: true, min: 1, example: 30_000, description: 'Length of the window, in ms; a multiple of the parent\'s slide.' };
}

export function slideDurationParam(required: boolean): ParamSpec {
  return {
    name: 'slideDurationMs',
    type: 'duration',
    min: 1,
    example: 10_000,
    description: required
      ? "Interval at which the window is computed, in ms; a multiple of the parent's slide."
      : "Interval at which the window is computed, in ms; a multiple of the parent's slide. Default: the parent's slide.",
    ...(required ? { required } : {}),
  };
}

/** Literal `[key, value]` pairs, e.g. the initial state of `updateStateByKey`. */
export function pairsDataParam(name: string, description: string): ParamSpec {
  return { name, type: 'json', description, example: [['a', 1]], check: checkPairs };
}

function checkPairs(value: JsonValue): string | undefined {
  if (!Array.isArray(value)) return 'it must be an array of [key, value] pairs, e.g. [["a", 1], ["b", 2]]';
  const bad = value.findIndex((pair) => !Array.isArray(pair) || pair.length !== 2);
  return bad < 0 ? undefined : `element ${bad} is not a [key, value] pair; write it as ["key", value]`;
}

// ---- Applying ----

/** A duration parameter (ms) as a `Duration`, or undefined when absent. */
export function ms(value: JsonValue | undefined): Duration | undefined {
  return value === undefined ? undefined : Milliseconds(value as number);
}

/** A number parameter, or undefined when absent. */
export function num(value: JsonValue | undefined): number | undefined {
  return value === undefined ? undefined : (value as number);
}

/** Literal data as an RDD, or undefined when absent. */
export function literalRDD<T>(ssc: StreamingContext, data: JsonValue | undefined): RDD<T> | undefined {
  return data === undefined ? undefined : ssc.rddContext.parallelize(data as unknown as T[]);
}

/** The same, as code (pairs: initial states). */
export function literalRDDCode(ctx: CodeContext, data: JsonValue | undefined): string | undefined {
  // Typed, or TypeScript would read the literal as arrays rather than [key, state] tuples.
  return data === undefined ? undefined : `${ctx.ssc}.rddContext.parallelize<[any, any]>(${ctx.json(data)})`;
}

/** An optional number parameter as code. */
export function numCode(value: JsonValue | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
