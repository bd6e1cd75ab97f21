import { PipelineValidationError } from '../errors.js';
import { analyzeGraph, type AnalyzedNode, type PipelineGraph } from './analyzeGraph.js';
import { buildOrder, DEFAULT_CHECKPOINT_DIRECTORY } from './compilePipeline.js';
import { resolveParams } from './paramProblems.js';
import type { JsonValue, PipelineSpec } from './PipelineSpec.js';
import { isStateful, type CodeContext } from './registry/OperatorEntry.js';
import { RESERVED_NAMES } from './reservedNames.js';
import { checkStructure } from './specStructure.js';
import { validatePipeline } from './validatePipeline.js';

/**
 * The TypeScript program that builds the same graph with the fluent API — one statement per
 * node, in the order `compilePipeline` builds them, variables named after labels (or operators),
 * functions copied as written — then starts the context and runs until it stops:
 *
 * ```ts
 * import { Seconds, StreamingContext, type DStream } from 'rivulet';
 * const ssc = new StreamingContext({ batchDuration: Seconds(1) });
 * const lines = ssc.generatorStream({ kind: 'words', seed: 7, ratePerSecond: 5 });
 * const words: DStream<any> = lines.flatMap((line) => line.split(' '));
 * ```
 *
 * Streams are typed `DStream<any>` (`DStream<[any, any]>` for pairs) because the spec's functions
 * are untyped JavaScript; state functions may need parameter types before the program typechecks.
 * Throws a `PipelineValidationError` if the spec is invalid. Runs no user code.
 */
export function exportCode(spec: PipelineSpec): string {
  const problems = validatePipeline(spec);
  if (problems.length > 0) throw new PipelineValidationError(problems);
  const graph = analyzeGraph(checkStructure(spec).usable!);

  const imports = new Set(['StreamingContext']);
  const typeImports = new Set<string>();
  const names = new Names(spec);
  const variables = new Map<string, string>();
  const body: string[] = [];
  const ssc = 'ssc';
  const duration = (ms: number): string => {
    const [helper, n] = ms % 60_000 === 0 ? ['Minutes', ms / 60_000] : ms % 1000 === 0 ? ['Seconds', ms / 1000] : ['Milliseconds', ms];
    imports.add(helper);
    return `${helper}(${n})`;
  };

  let previousCategory: string | undefined;
  for (const analyzed of buildOrder(graph.order)) {
    const { node } = analyzed;
    const entry = analyzed.entry!;
    const isOutput = entry.category === 'output';
    const name = isOutput ? '' : names.take(node.label, entry.varName);
    const before: string[] = [];
    const ctx: CodeContext = {
      ssc,
      name,
      nodeId: node.id,
      fn: ((source: JsonValue | undefined) => (source === undefined || source === null ? undefined : String(source).trim())) as CodeContext['fn'],
      duration: ((ms: JsonValue | undefined) => (ms === undefined || ms === null ? undefined : duration(ms as number))) as CodeContext['duration'],
      json: (value) => literal(value ?? null, ''),
      args: (...args) => {
        while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
        return args.map((a) => a ?? 'undefined').join(', ');
      },
      use: (helper) => (imports.add(helper), helper),
      before: (statement) => before.push(statement),
    };
    const params = resolveParams(entry, node);
    const inputs = entry.inputs.map((port) => variables.get(analyzed.inputs.get(port.name)![0]!.source.node.id)!);
    const expression = entry.code(inputs, params, ctx);
    // A blank line between sources, transformations and outputs.
    const category = isOutput ? 'output' : entry.category === 'source' ? 'source' : 'transformation';
    if (previousCategory !== undefined && category !== previousCategory) body.push('');
    previousCategory = category;
    body.push(...before);
    if (isOutput) {
      body.push(`${expression};`);
      continue;
    }
    if (entry.category === 'source') body.push(`const ${name} = ${expression};`);
    else {
      typeImports.add('DStream');
      body.push(`const ${name}: ${streamType(analyzed, graph)} = ${expression};`);
    }
    if (spec.checkpoint?.intervalMs !== undefined && isStateful(entry, params)) body.push(`${name}.checkpoint(${duration(spec.checkpoint.intervalMs)});`);
    variables.set(node.id, name);
  }

  const contextOptions = [`batchDuration: ${duration(spec.batchDurationMs)}`];
  if (spec.name !== undefined) contextOptions.push(`appName: ${literal(spec.name, '')}`);
  const header = [
    ...(spec.name === undefined ? [] : [`// ${oneLine(spec.name)}`]),
    ...(spec.description === undefined ? [] : spec.description.split('\n').map((line) => `// ${line}`.trimEnd())),
    "// Exported from a Rivulet pipeline spec. The functions are the spec's JavaScript, as written:",
    '// add parameter types where TypeScript asks for them.',
  ];
  const named = [...imports].sort();
  const importList = [...named, ...[...typeImports].sort().map((t) => `type ${t}`)].join(', ');
  return [
    ...header,
    `import { ${importList} } from 'rivulet';`,
    '',
    `const ${ssc} = new StreamingContext({ ${contextOptions.join(', ')} });`,
    ...(spec.checkpoint?.enabled ? [`${ssc}.checkpoint(${literal(spec.checkpoint.directory ?? DEFAULT_CHECKPOINT_DIRECTORY, '')});`] : []),
    '',
    ...body,
    '',
    `${ssc}.start();`,
    `await ${ssc}.awaitTermination();`,
    '',
  ].join('\n');
}

/**
 * `DStream<[any, any]>` for a stream of pairs or one a pair operator consumes — so `reduceByKey`
 * and friends see pairs, and a `map` to `[key, value]` is read as a tuple — else `DStream<any>`.
 */
function streamType(analyzed: AnalyzedNode, graph: PipelineGraph): string {
  const feedsPairs = analyzed.outputs.some(
    (e) => graph.nodes.get(e.edge.target)?.entry?.inputs.find((port) => port.name === e.port)?.kind === 'pairs',
  );
  return analyzed.kind === 'pairs' || feedsPairs ? 'DStream<[any, any]>' : 'DStream<any>';
}

/** Variable names: from a label (camelCased) or the operator's default, never reserved, never twice. */
class Names {
  private readonly taken = new Set<string>(RESERVED_NAMES);

  constructor(spec: PipelineSpec) {
    // Static RDDs are declared under their own names, which the functions refer to.
    for (const node of spec.nodes) {
      const staticRDDs = node.params.staticRDDs;
      if (typeof staticRDDs === 'object' && staticRDDs !== null) for (const name of Object.keys(staticRDDs)) this.taken.add(name);
    }
  }

  take(label: string | undefined, fallback: string): string {
    const base = (label === undefined ? undefined : camelCase(label)) ?? fallback;
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
    this.taken.add(name);
    return name;
  }
}

function camelCase(label: string): string | undefined {
  const words = label.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  const name = words
    .map((w, i) => (i === 0 ? (w === w.toUpperCase() ? w.toLowerCase() : w[0]!.toLowerCase() + w.slice(1)) : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** A JSON value as a TypeScript literal: single quotes, bare keys, broken over lines when long. */
function literal(value: JsonValue, indent: string): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = indent + '  ';
  const isArray = Array.isArray(value);
  const items = isArray
    ? (value as readonly JsonValue[]).map((v) => literal(v, inner))
    : Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${literal(v, inner)}`);
  const [open, close] = isArray ? ['[', ']'] : ['{ ', ' }'];
  if (items.length === 0) return isArray ? '[]' : '{}';
  const flat = `${open}${items.join(', ')}${close}`;
  if (flat.length <= 100 && !flat.includes('\n')) return flat;
  return `${open.trim()}\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}${close.trim()}`;
}

function quote(text: string): string {
  const escaped = JSON.stringify(text)
    .slice(1, -1)
    .replace(/\\(.)/g, (match, c: string) => (c === '"' ? '"' : match))
    .replace(/'/g, "\\'");
  return `'${escaped}'`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
