import { checkFunctionSource } from './functionSource.js';
import type { PipelineProblem } from './PipelineProblem.js';
import { PipelineLimits, type JsonValue, type PipelineNode } from './PipelineSpec.js';
import type { OperatorEntry, OperatorParams, ParamSpec } from './registry/OperatorEntry.js';
import { describe } from './specStructure.js';
import { FORBIDDEN_KEYS } from './untrustedJson.js';

const MAX_DURATION_MS = 86_400_000;

/** How messages name a node: its operator and its label (or id), e.g. `reduceByKey 'counts'`. */
export function nodeName(node: PipelineNode): string {
  return `${node.operator} '${node.label ?? node.id}'`;
}

/** The node's parameters with defaults filled in (what `apply` and `code` get). */
export function resolveParams(entry: OperatorEntry, node: PipelineNode): OperatorParams {
  const resolved: Record<string, JsonValue | undefined> = {};
  for (const param of entry.params) {
    const value = Object.hasOwn(node.params, param.name) ? node.params[param.name] : undefined;
    resolved[param.name] = value ?? param.default;
  }
  return resolved;
}

/**
 * Every problem of a node's parameters, and its parameters with defaults filled in and bad
 * values left out (so the graph checks that read them — window multiples — skip those).
 */
export function paramProblems(entry: OperatorEntry, node: PipelineNode): { problems: PipelineProblem[]; params: OperatorParams } {
  const problems: PipelineProblem[] = [];
  const name = nodeName(node);
  const report = (code: PipelineProblem['code'], param: string, message: string): void => {
    problems.push({ code, nodeId: node.id, param, message: `${name}: ${message}` });
  };
  for (const key of Object.keys(node.params)) {
    if (FORBIDDEN_KEYS.has(key) || entry.params.some((p) => p.name === key)) continue;
    const known = entry.params.map((p) => p.name);
    report('UNKNOWN_PARAM', key, `${entry.name} has no parameter '${key}'; remove it${known.length ? ` (it takes ${known.join(', ')})` : ''}.`);
  }
  const params: Record<string, JsonValue | undefined> = {};
  for (const spec of entry.params) {
    const given = Object.hasOwn(node.params, spec.name) ? node.params[spec.name] : undefined;
    if (given === undefined || given === null) {
      if (spec.required) {
        report('MISSING_PARAM', spec.name, `${spec.name} is required; set it${spec.example === undefined ? '' : `, e.g. to ${example(spec)}`}.`);
      }
      params[spec.name] = spec.default;
      continue;
    }
    const problem = valueProblem(spec, given);
    if (problem) report(problem.code, spec.name, problem.message);
    else params[spec.name] = given;
  }
  for (const { param, message } of entry.checkParams?.(params) ?? []) report('INVALID_PARAM', param, `${message}.`);
  return { problems, params };
}

function valueProblem(spec: ParamSpec, value: JsonValue): { code: PipelineProblem['code']; message: string } | undefined {
  const invalid = (what: string) => ({
    code: 'INVALID_PARAM' as const,
    message: `${spec.name} must be ${what}${spec.example === undefined ? '' : `, e.g. ${example(spec)}`}; got ${describe(value)}.`,
  });
  switch (spec.type) {
    case 'duration':
    case 'integer': {
      const min = spec.min ?? (spec.type === 'duration' ? 1 : Number.MIN_SAFE_INTEGER);
      const max = spec.max ?? (spec.type === 'duration' ? MAX_DURATION_MS : Number.MAX_SAFE_INTEGER);
      const unit = spec.type === 'duration' ? 'a whole number of milliseconds' : 'a whole number';
      if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) return invalid(`${unit}${range(spec, min, max)}`);
      break;
    }
    case 'number': {
      const min = spec.min ?? -Number.MAX_VALUE;
      const max = spec.max ?? Number.MAX_VALUE;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return invalid(`a number${range(spec, min, max)}`);
      break;
    }
    case 'string':
      if (typeof value !== 'string') return invalid('a string');
      if (value.length > PipelineLimits.maxStringLength) return invalid(`a string of at most ${PipelineLimits.maxStringLength} characters`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return invalid('true or false');
      break;
    case 'enum':
      if (typeof value !== 'string' || !spec.options!.includes(value)) return invalid(`one of ${spec.options!.map((o) => `'${o}'`).join(', ')}`);
      break;
    case 'function': {
      if (typeof value !== 'string') return invalid(`JavaScript source text (a string) of a function ${spec.signature}`);
      const check = checkFunctionSource(value);
      if (!check.ok) {
        return {
          code: check.code,
          message:
            check.code === 'FUNCTION_SYNTAX'
              ? `${spec.name} does not parse: ${check.message}; fix the JavaScript, e.g. ${example(spec)}.`
              : `${spec.name} is not usable: ${check.message}; write a function ${spec.signature}, e.g. ${example(spec)}.`,
        };
      }
      if (spec.arities && !spec.arities.includes(check.arity)) {
        return {
          code: 'FUNCTION_ARITY',
          message:
            `${spec.name} declares ${check.arity} parameter${check.arity === 1 ? '' : 's'}, but the form is told by the count: ` +
            `declare ${spec.arities.join(', ').replace(/, (\d+)$/, ' or $1')} (without default values or a rest parameter), e.g. ${example(spec)}.`,
        };
      }
      break;
    }
    case 'json':
      break;
  }
  const message = spec.check?.(value);
  return message === undefined ? undefined : { code: 'INVALID_PARAM', message: `${spec.name}: ${message}.` };
}

function range(spec: ParamSpec, min: number, max: number): string {
  const hasMin = spec.min !== undefined || spec.type === 'duration';
  const hasMax = spec.max !== undefined || spec.type === 'duration';
  if (hasMin && hasMax) return ` from ${min} to ${max}`;
  if (hasMin) return ` ≥ ${min}`;
  if (hasMax) return ` ≤ ${max}`;
  return '';
}

function example(spec: ParamSpec): string {
  return spec.type === 'function' ? `\`${String(spec.example)}\`` : JSON.stringify(spec.example);
}
