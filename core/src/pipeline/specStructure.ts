import type { PipelineProblem } from './PipelineProblem.js';
import { PipelineLimits, type PipelineCheckpoint, type PipelineEdge, type PipelineNode } from './PipelineSpec.js';
import { FORBIDDEN_KEYS } from './untrustedJson.js';

/**
 * The checks `pipelineSpec.schema.json` states, written out by hand so core needs no schema
 * library (a test runs both over the same specs). Every problem names its JSON path and says
 * what the field should be. Forbidden keys (`__proto__`...) are skipped here: `unsafeValueProblems`
 * reports them.
 */

/** The parts of a spec the graph checks can use: well-formed nodes with unique ids, well-formed edges. */
export interface UsableSpec {
  readonly batchDurationMs: number | undefined;
  readonly checkpoint: PipelineCheckpoint | undefined;
  readonly nodes: readonly PipelineNode[];
  readonly edges: readonly PipelineEdge[];
}

export interface StructureCheck {
  readonly problems: PipelineProblem[];
  /** Undefined when the spec is not even an object with node and edge arrays. */
  readonly usable: UsableSpec | undefined;
}

export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const MAX_DURATION_MS = 86_400_000;
const MAX_PARAMS = 32;

const TOP_KEYS = ['$schema', 'version', 'name', 'description', 'batchDurationMs', 'checkpoint', 'nodes', 'edges'];
const CHECKPOINT_KEYS = ['enabled', 'directory', 'intervalMs'];
const NODE_KEYS = ['id', 'operator', 'params', 'position', 'label'];
const EDGE_KEYS = ['id', 'source', 'target', 'targetPort'];

/** Checks `value` against the PipelineSpec schema; see `StructureCheck`. */
export function checkStructure(value: unknown): StructureCheck {
  const problems: PipelineProblem[] = [];
  const bad = (path: string, message: string, where: Partial<PipelineProblem> = {}): void => {
    problems.push({ code: 'INVALID_STRUCTURE', path, message: `${path} ${message}`, ...where });
  };
  if (!isPlainObject(value)) {
    bad('spec', `must be a JSON object with version, batchDurationMs, nodes and edges; got ${describe(value)}.`);
    return { problems, usable: undefined };
  }
  unknownKeys(value, TOP_KEYS, 'spec', bad);

  if (!('version' in value)) bad('spec.version', 'is missing; add "version": 1.');
  else if (value.version !== 1) {
    problems.push({
      code: 'UNSUPPORTED_VERSION',
      path: 'spec.version',
      message: `spec.version ${JSON.stringify(value.version)} is not supported; this Rivulet reads version 1 specs.`,
    });
  }
  if (value.$schema !== undefined) string(value.$schema, 'spec.$schema', PipelineLimits.maxStringLength, bad);
  if (value.name !== undefined) string(value.name, 'spec.name', PipelineLimits.maxStringLength, bad);
  if (value.description !== undefined) string(value.description, 'spec.description', PipelineLimits.maxDescriptionLength, bad);
  let batchDurationMs: number | undefined;
  if (!('batchDurationMs' in value)) bad('spec.batchDurationMs', 'is missing; add the batch interval in ms, e.g. "batchDurationMs": 1000.');
  else if (duration(value.batchDurationMs, 'spec.batchDurationMs', bad)) batchDurationMs = value.batchDurationMs as number;

  let checkpoint: PipelineCheckpoint | undefined;
  if (value.checkpoint !== undefined) checkpoint = checkCheckpoint(value.checkpoint, bad);

  const nodes = list(value, 'nodes', PipelineLimits.maxNodes, problems, bad);
  const edges = list(value, 'edges', PipelineLimits.maxEdges, problems, bad);
  if (!nodes || !edges) return { problems, usable: undefined };

  const usableNodes: PipelineNode[] = [];
  const seenNodes = new Set<string>();
  nodes.forEach((node, i) => {
    const path = `nodes[${i}]`;
    if (!checkNode(node, path, bad)) return;
    if (seenNodes.has(node.id)) {
      problems.push({ code: 'DUPLICATE_ID', path: `${path}.id`, nodeId: node.id, message: `Two nodes have the id '${node.id}'; give each node its own id.` });
      return;
    }
    seenNodes.add(node.id);
    usableNodes.push(node);
  });

  const usableEdges: PipelineEdge[] = [];
  const seenEdges = new Set<string>();
  edges.forEach((edge, i) => {
    const path = `edges[${i}]`;
    if (!checkEdge(edge, path, bad)) return;
    if (edge.id !== undefined) {
      if (seenEdges.has(edge.id)) {
        problems.push({ code: 'DUPLICATE_ID', path: `${path}.id`, edgeId: edge.id, message: `Two edges have the id '${edge.id}'; give each edge its own id.` });
        return;
      }
      seenEdges.add(edge.id);
    }
    usableEdges.push(edge);
  });
  return { problems, usable: { batchDurationMs, checkpoint, nodes: usableNodes, edges: usableEdges } };
}

type Bad = (path: string, message: string, where?: Partial<PipelineProblem>) => void;

function checkCheckpoint(value: unknown, bad: Bad): PipelineCheckpoint | undefined {
  const path = 'spec.checkpoint';
  if (!isPlainObject(value)) {
    bad(path, `must be an object like {"enabled": true}; got ${describe(value)}.`);
    return undefined;
  }
  unknownKeys(value, CHECKPOINT_KEYS, path, bad);
  let ok = true;
  if (typeof value.enabled !== 'boolean') {
    bad(`${path}.enabled`, `must be true or false; got ${describe(value.enabled)}.`);
    ok = false;
  }
  if (value.directory !== undefined) ok = string(value.directory, `${path}.directory`, PipelineLimits.maxStringLength, bad, 1) && ok;
  if (value.intervalMs !== undefined) ok = duration(value.intervalMs, `${path}.intervalMs`, bad) && ok;
  return ok ? (value as unknown as PipelineCheckpoint) : undefined;
}

function checkNode(node: unknown, path: string, bad: Bad): node is PipelineNode {
  if (!isPlainObject(node)) {
    bad(path, `must be an object like {"id": "n1", "operator": "map", "params": {}}; got ${describe(node)}.`);
    return false;
  }
  const hasId = typeof node.id === 'string' && ID_PATTERN.test(node.id);
  const where = hasId ? { nodeId: node.id as string } : {};
  let ok = hasId;
  if (!hasId) bad(`${path}.id`, `must be a string of 1 to 64 letters, digits, _, -, . or :, e.g. "n1"; got ${describe(node.id)}.`);
  unknownKeys(node, NODE_KEYS, path, bad, where);
  if (!isName(node.operator)) {
    bad(`${path}.operator`, `must be an operator's name, e.g. "map"; got ${describe(node.operator)}.`, where);
    ok = false;
  }
  if (!isPlainObject(node.params)) {
    bad(`${path}.params`, `must be an object of parameters (use {} for none); got ${describe(node.params)}.`, where);
    ok = false;
  } else {
    const names = Object.keys(node.params);
    if (names.length > MAX_PARAMS) {
      bad(`${path}.params`, `has ${names.length} parameters, more than the ${MAX_PARAMS} allowed; remove the ones its operator does not take.`, where);
      ok = false;
    }
    for (const name of names) {
      if (FORBIDDEN_KEYS.has(name)) continue;
      if (!isName(name)) {
        bad(`${path}.params`, `has a parameter named ${JSON.stringify(name)}; parameter names are a letter, then letters and digits.`, { ...where, param: name });
        ok = false;
      }
    }
  }
  if (node.position !== undefined) {
    const position = node.position;
    if (!isPlainObject(position) || !isFiniteNumber(position.x) || !isFiniteNumber(position.y) || Object.keys(position).length !== 2) {
      bad(`${path}.position`, `must be {"x": number, "y": number}; got ${describe(position)}.`, where);
    }
  }
  if (node.label !== undefined && !string(node.label, `${path}.label`, PipelineLimits.maxStringLength, bad)) ok = false;
  return ok;
}

function checkEdge(edge: unknown, path: string, bad: Bad): edge is PipelineEdge {
  if (!isPlainObject(edge)) {
    bad(path, `must be an object like {"source": "n1", "target": "n2"}; got ${describe(edge)}.`);
    return false;
  }
  const where = typeof edge.id === 'string' && ID_PATTERN.test(edge.id) ? { edgeId: edge.id } : {};
  unknownKeys(edge, EDGE_KEYS, path, bad, where);
  let ok = true;
  for (const field of ['source', 'target'] as const) {
    if (typeof edge[field] !== 'string' || !ID_PATTERN.test(edge[field])) {
      bad(`${path}.${field}`, `must be a node id; got ${describe(edge[field])}.`, where);
      ok = false;
    }
  }
  if (edge.id !== undefined && !where.edgeId) {
    bad(`${path}.id`, `must be a string of 1 to 64 letters, digits, _, -, . or :; got ${describe(edge.id)}.`);
    ok = false;
  }
  if (edge.targetPort !== undefined && edge.targetPort !== 'in' && edge.targetPort !== 'other') {
    bad(`${path}.targetPort`, `must be "in" or "other"; got ${describe(edge.targetPort)}.`, where);
    ok = false;
  }
  return ok;
}

// ---- Helpers ----

function list(spec: Record<string, unknown>, field: 'nodes' | 'edges', max: number, problems: PipelineProblem[], bad: Bad): unknown[] | undefined {
  const value = spec[field];
  const path = `spec.${field}`;
  if (!Array.isArray(value)) {
    bad(path, value === undefined ? 'is missing; add an array (it may be empty).' : `must be an array; got ${describe(value)}.`);
    return undefined;
  }
  if (value.length > max) {
    problems.push({ code: 'TOO_LARGE', path, message: `${path} has ${value.length} entries, more than the limit of ${max}; split the pipeline.` });
    return undefined;
  }
  return value;
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], path: string, bad: Bad, where: Partial<PipelineProblem> = {}): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key) && !FORBIDDEN_KEYS.has(key)) bad(`${path}.${key}`, `is not part of the format; remove it (${path} takes ${known.join(', ')}).`, where);
  }
}

function string(value: unknown, path: string, maxLength: number, bad: Bad, minLength = 0): boolean {
  if (typeof value !== 'string') bad(path, `must be a string; got ${describe(value)}.`);
  else if (value.length > maxLength) bad(path, `is ${value.length} characters long, more than the ${maxLength} allowed; shorten it.`);
  else if (value.length < minLength) bad(path, 'must not be empty.');
  else return true;
  return false;
}

function duration(value: unknown, path: string, bad: Bad): boolean {
  if (Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_DURATION_MS) return true;
  bad(path, `must be a whole number of milliseconds from 1 to ${MAX_DURATION_MS} (a day), e.g. 1000; got ${describe(value)}.`);
  return false;
}

/** An operator's or a parameter's name: a letter, then letters and digits, and not a prototype key. */
function isName(value: unknown): value is string {
  return typeof value === 'string' && NAME_PATTERN.test(value) && !FORBIDDEN_KEYS.has(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isFiniteNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A short description of a value for messages: its JSON if short, otherwise its type. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json !== undefined && json.length <= 40) return json;
  return Array.isArray(value) ? 'an array' : typeof value === 'object' && value !== null ? 'an object' : `a ${typeof value}`;
}
