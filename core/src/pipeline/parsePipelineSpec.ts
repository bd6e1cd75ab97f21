import { messageOf } from '../errors.js';
import type { PipelineProblem } from './PipelineProblem.js';
import type { PipelineSpec } from './PipelineSpec.js';
import { getOperator } from './registry/operatorRegistry.js';
import { checkStructure } from './specStructure.js';
import { jsonTextProblems, unsafeValueProblems } from './untrustedJson.js';

/**
 * Reads untrusted JSON text into a `PipelineSpec`, or says why not: over 1 MiB, nested deeper
 * than 32, not JSON, a `__proto__`/`constructor`/`prototype` key anywhere, off the schema (more
 * than 500 nodes...), or a function parameter that is not a string. Size and depth are checked
 * on the text before `JSON.parse` runs. The graph itself is not judged here — a half-built
 * pipeline loads, and `validatePipeline` lists what is missing.
 */
export function parsePipelineSpec(json: string): { readonly spec: PipelineSpec } | { readonly problems: readonly PipelineProblem[] } {
  if (typeof json !== 'string') {
    return { problems: [{ code: 'INVALID_JSON', message: `A pipeline spec is read from JSON text; got a ${typeof json}. Pass JSON.stringify(spec).` }] };
  }
  const textProblems = jsonTextProblems(json);
  if (textProblems.length > 0) return { problems: textProblems };
  let value: unknown;
  try {
    // JSON.parse defines `__proto__` as an own property, never as the prototype; the walk below rejects it.
    value = JSON.parse(json);
  } catch (error) {
    return { problems: [{ code: 'INVALID_JSON', message: `The spec is not valid JSON: ${messageOf(error)}; fix the text.` }] };
  }
  const problems = [...unsafeValueProblems(value)];
  const structure = checkStructure(value);
  problems.push(...structure.problems);
  for (const node of structure.usable?.nodes ?? []) {
    for (const param of getOperator(node.operator)?.params ?? []) {
      const given = Object.hasOwn(node.params, param.name) ? node.params[param.name] : undefined;
      if (param.type === 'function' && given !== undefined && given !== null && typeof given !== 'string') {
        problems.push({
          code: 'INVALID_PARAM',
          nodeId: node.id,
          param: param.name,
          message: `${node.operator} '${node.label ?? node.id}': ${param.name} must be JavaScript source text (a string), e.g. \`${String(param.example)}\`.`,
        });
      }
    }
  }
  return problems.length > 0 ? { problems } : { spec: value as PipelineSpec };
}
