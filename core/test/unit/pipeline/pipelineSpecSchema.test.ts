/**
 * `pipelineSpec.schema.json` and the hand-written structural checks say the same thing: a small
 * evaluator of the JSON Schema keywords the file uses runs over the examples and a list of broken
 * specs, and agrees with `parsePipelineSpec` on each (except where a fixture says the schema
 * cannot express the rule).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipelineSpec, type PipelineSpec } from '../../../src/index.js';
import { examplePipelines } from './runPipeline.js';

type Schema = boolean | { readonly [keyword: string]: unknown };

const schema = JSON.parse(readFileSync(new URL('../../../src/pipeline/pipelineSpec.schema.json', import.meta.url), 'utf8')) as {
  readonly [keyword: string]: unknown;
};

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', '$defs']);

/** Whether `value` is valid against `s`: draft 2020-12 semantics for the keywords the schema file uses. */
function valid(value: unknown, s: Schema): boolean {
  if (typeof s === 'boolean') return s;
  for (const [keyword, arg] of Object.entries(s)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!check(keyword, arg, value, s)) return false;
  }
  return true;
}

function check(keyword: string, arg: unknown, value: unknown, s: { readonly [keyword: string]: unknown }): boolean {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const obj = value as Record<string, unknown>;
  switch (keyword) {
    case '$ref': {
      const name = /^#\/\$defs\/(\w+)$/.exec(arg as string)![1]!;
      return valid(value, (schema.$defs as Record<string, Schema>)[name]!);
    }
    case 'type':
      return ([] as string[]).concat(arg as string).some((t) => typeOf(value, t));
    case 'const':
      return value === arg;
    case 'enum':
      return (arg as unknown[]).includes(value);
    case 'not':
      return !valid(value, arg as Schema);
    case 'anyOf':
      return (arg as Schema[]).some((sub) => valid(value, sub));
    case 'required':
      return !isObject || (arg as string[]).every((k) => Object.hasOwn(obj, k));
    case 'properties':
      return !isObject || Object.entries(arg as Record<string, Schema>).every(([k, sub]) => !Object.hasOwn(obj, k) || valid(obj[k], sub));
    case 'additionalProperties': {
      if (!isObject) return true;
      const known = Object.keys((s.properties as object | undefined) ?? {});
      return Object.keys(obj).filter((k) => !known.includes(k)).every((k) => valid(obj[k], arg as Schema));
    }
    case 'propertyNames':
      return !isObject || Object.keys(obj).every((k) => valid(k, arg as Schema));
    case 'maxProperties':
      return !isObject || Object.keys(obj).length <= (arg as number);
    case 'items':
      return !Array.isArray(value) || value.every((v) => valid(v, arg as Schema));
    case 'maxItems':
      return !Array.isArray(value) || value.length <= (arg as number);
    case 'minLength':
      return typeof value !== 'string' || value.length >= (arg as number);
    case 'maxLength':
      return typeof value !== 'string' || value.length <= (arg as number);
    case 'pattern':
      return typeof value !== 'string' || new RegExp(arg as string, 'u').test(value);
    case 'minimum':
      return typeof value !== 'number' || value >= (arg as number);
    case 'maximum':
      return typeof value !== 'number' || value <= (arg as number);
    default:
      throw new Error(`the schema uses '${keyword}', which this test's evaluator does not know; teach it`);
  }
}

function typeOf(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      throw new Error(`unknown type ${type}`);
  }
}

const base = examplePipelines().get('wordCount')!;
type Mutable = Record<string, any>;
/** A copy of the word count example, changed by `change`. */
function broken(change: (spec: Mutable) => void): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Mutable;
  change(copy);
  return copy;
}

/** Specs and what both checks should say; `schemaCannotTell` marks rules only the code enforces. */
const FIXTURES: readonly [title: string, spec: unknown, isValid: boolean, schemaCannotTell?: true][] = [
  ...[...examplePipelines()].map(([name, spec]): [string, PipelineSpec, boolean] => [`example ${name}`, spec, true]),
  ['no version', broken((s) => delete s.version), false],
  ['version 2', broken((s) => (s.version = 2)), false],
  ['batchDurationMs 0', broken((s) => (s.batchDurationMs = 0)), false],
  ['batchDurationMs 1.5', broken((s) => (s.batchDurationMs = 1.5)), false],
  ['batchDurationMs as a string', broken((s) => (s.batchDurationMs = '1000')), false],
  ['batchDurationMs over a day', broken((s) => (s.batchDurationMs = 86_400_001)), false],
  ['an unknown top-level field', broken((s) => (s.extra = true)), false],
  ['a numeric name', broken((s) => (s.name = 42)), false],
  ['checkpoint without enabled', broken((s) => (s.checkpoint = { directory: 'x' })), false],
  ['checkpoint with an unknown field', broken((s) => (s.checkpoint = { enabled: true, every: 3 })), false],
  ['checkpoint interval 0', broken((s) => (s.checkpoint = { enabled: true, intervalMs: 0 })), false],
  ['an empty checkpoint directory', broken((s) => (s.checkpoint = { enabled: true, directory: '' })), false],
  ['checkpoint with everything', broken((s) => (s.checkpoint = { enabled: false, directory: 'd', intervalMs: 5000 })), true],
  ['nodes not an array', broken((s) => (s.nodes = {})), false],
  ['501 nodes', broken((s) => (s.nodes = Array.from({ length: 501 }, (_, i) => ({ id: `n${i}`, operator: 'count', params: {} })))), false],
  ['a node without params', broken((s) => delete s.nodes[0].params), false],
  ['params as an array', broken((s) => (s.nodes[0].params = [])), false],
  ['an operator name starting with a digit', broken((s) => (s.nodes[0].operator = '1map')), false],
  ['an operator named constructor', broken((s) => (s.nodes[0].operator = 'constructor')), false],
  ['an id with a space', broken((s) => (s.nodes[0].id = 'a b')), false],
  ['an id of 65 characters', broken((s) => (s.nodes[0].id = 'x'.repeat(65))), false],
  ['a position without y', broken((s) => (s.nodes[0].position = { x: 1 })), false],
  ['a position with a string', broken((s) => (s.nodes[0].position = { x: 1, y: '2' })), false],
  ['a numeric label', broken((s) => (s.nodes[0].label = 3)), false],
  ['an unknown node field', broken((s) => (s.nodes[0].color = 'red')), false],
  ['a parameter named with a dash', broken((s) => (s.nodes[0].params['bad-name'] = 1)), false],
  ['33 parameters', broken((s) => (s.nodes[0].params = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`p${i}`, i])))), false],
  ['a string of 70,000 characters in params', broken((s) => (s.nodes[0].params.text = 'x'.repeat(70_000))), false],
  ['an edge without a target', broken((s) => delete s.edges[0].target), false],
  ['an edge into a third port', broken((s) => (s.edges[0].targetPort = 'third')), false],
  ['an unknown edge field', broken((s) => (s.edges[0].weight = 1)), false],
  ['an empty edge id', broken((s) => (s.edges[0].id = '')), false],
  ['an edge into port other', broken((s) => (s.edges[0].targetPort = 'other')), true],
  ['edges without ids', broken((s) => s.edges.forEach((e: Mutable) => delete e.id)), true],
  ['nested __proto__ in params', JSON.parse(JSON.stringify(base).replace('"wordsPerLine":5', '"wordsPerLine":5,"extra":{"__proto__":{"x":1}}')), false],
  // The graph is validatePipeline's business, not the format's.
  ['an unknown operator', broken((s) => (s.nodes[1].operator = 'nope')), true],
  ['a cycle', broken((s) => s.edges.push({ source: 'wordCounts', target: 'words' })), true],
  ['no nodes at all', broken((s) => ((s.nodes = []), (s.edges = []))), true],
  // Rules the schema cannot state.
  ['two nodes with one id', broken((s) => (s.nodes[1].id = s.nodes[0].id)), false, true],
  ['a function that is a number', broken((s) => (s.nodes[1].params.flatMapFunc = 42)), false, true],
];

describe('pipelineSpec.schema.json', () => {
  it('is a draft 2020-12 schema', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  for (const [title, spec, isValid, schemaCannotTell] of FIXTURES) {
    it(`${isValid ? 'accepts' : 'rejects'} ${title}${schemaCannotTell ? ' (parsePipelineSpec only)' : ''}`, () => {
      const parsed = parsePipelineSpec(JSON.stringify(spec));
      expect('spec' in parsed, JSON.stringify('problems' in parsed ? parsed.problems : [])).toBe(isValid);
      expect(valid(spec, schema)).toBe(schemaCannotTell ? true : isValid);
    });
  }
});
