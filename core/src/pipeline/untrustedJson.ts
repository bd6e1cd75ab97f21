import type { PipelineProblem } from './PipelineProblem.js';
import { PipelineLimits } from './PipelineSpec.js';

/**
 * The first line of defence against hostile specs: bounds on size and nesting, checked on the
 * text before `JSON.parse` sees it, and a walk that finds keys which could reach object
 * prototypes and anything that is not plain JSON. Nothing here assigns a key it reads.
 */

/** Keys that could reach `Object.prototype` if code ever assigned them; rejected anywhere in a spec. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Problems of the JSON text itself — size, then nesting depth — found without parsing it. */
export function jsonTextProblems(text: string): PipelineProblem[] {
  const max = PipelineLimits.maxBytes;
  // A UTF-16 unit is at least one UTF-8 byte, so the length bounds the size from below cheaply.
  const bytes = text.length > max ? text.length : new TextEncoder().encode(text).length;
  if (bytes > max) {
    return [{ code: 'TOO_LARGE', message: `The spec is larger than the limit of 1 MiB (${max} bytes); move large literal data out of it.` }];
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > PipelineLimits.maxDepth) {
        return [
          {
            code: 'TOO_DEEP',
            message: `Arrays and objects are nested more than ${PipelineLimits.maxDepth} deep (at character ${i}); flatten the data.`,
          },
        ];
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return [];
}

/**
 * Walks a value (parsed JSON, or an object handed to `validatePipeline`) and reports forbidden
 * keys, values JSON cannot hold, nesting past the depth limit and more values than the walk
 * limit (shared sub-objects are walked each time they appear, so a cycle hits the depth limit).
 */
export function unsafeValueProblems(value: unknown): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  let visited = 0;
  // Past the size or depth limit, the walk stops: one problem says it all.
  let stopped = false;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (stopped || problems.length >= 100) return;
    if (++visited > PipelineLimits.maxValues) {
      problems.push({ code: 'TOO_LARGE', path, message: `The spec holds more than ${PipelineLimits.maxValues} values; make it smaller.` });
      stopped = true;
      return;
    }
    if (v === null || typeof v === 'boolean') return;
    if (typeof v === 'string') {
      if (v.length > PipelineLimits.maxFunctionLength) {
        problems.push({ code: 'TOO_LARGE', path, message: `${path} is ${v.length} characters long, more than the ${PipelineLimits.maxFunctionLength} allowed; shorten it.` });
      }
      return;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push({ code: 'INVALID_STRUCTURE', path, message: `${path} is ${v}, which JSON cannot hold; use a finite number.` });
      return;
    }
    if (typeof v !== 'object') {
      problems.push({ code: 'INVALID_STRUCTURE', path, message: `${path} is a ${typeof v}, which JSON cannot hold; functions are source text strings.` });
      return;
    }
    if (depth > PipelineLimits.maxDepth) {
      problems.push({ code: 'TOO_DEEP', path, message: `${path} is nested more than ${PipelineLimits.maxDepth} deep (or refers to itself); flatten the data.` });
      stopped = true;
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
      return;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      problems.push({ code: 'INVALID_STRUCTURE', path, message: `${path} is not a plain object (it has a class), which JSON cannot hold.` });
      return;
    }
    for (const key of Object.keys(v)) {
      const keyPath = `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ code: 'FORBIDDEN_KEY', path: keyPath, message: `${keyPath}: the key '${key}' is not allowed anywhere in a spec; rename or remove it.` });
        continue;
      }
      walk((v as Record<string, unknown>)[key], keyPath, depth + 1);
    }
  };
  walk(value, 'spec', 1);
  return problems;
}
