import { HashPartitioner, type Partitioner } from '../../rdd/Partitioner.js';
import type { DStreamGraph } from '../DStreamGraph.js';
import type { DStream } from '../dstream/internal.js';

/** One stream's shape: its operator, its parameters and the streams it reads from (canonical indexes). */
export interface StreamFingerprint {
  readonly kind: string;
  /** The user's `setName`, for messages only: renaming a stream does not change the fingerprint. */
  readonly name?: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly parents: readonly number[];
}

/**
 * The shape of a streaming graph, without its functions: what a checkpoint is checked against
 * when `getOrCreate` rebuilds the program (Rivulet's addition: Spark deserialises the graph
 * itself, closures and all, and silently misbehaves if the program changed). Streams are numbered
 * canonically — the streams reachable from the outputs and inputs, by creation order — so the same
 * program always gives the same numbers.
 */
export interface GraphFingerprint {
  readonly batchDurationMs: number;
  readonly streams: readonly StreamFingerprint[];
  /** The canonical index of each output operation's stream, in the order outputs were defined. */
  readonly outputs: readonly number[];
}

/** Every stream of the graph in canonical order: reachable from an output or an input, sorted by id. */
export function canonicalStreams(graph: DStreamGraph): DStream<unknown>[] {
  const seen = new Map<number, DStream<unknown>>();
  const visit = (stream: DStream<unknown>): void => {
    if (seen.has(stream.id)) return;
    seen.set(stream.id, stream);
    for (const parent of stream.dependencies) visit(parent);
  };
  for (const output of graph.getOutputStreams()) visit(output);
  for (const input of graph.getInputStreams()) visit(input);
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

/** The fingerprint of `graph` as the program built it. */
export function fingerprintOf(graph: DStreamGraph): GraphFingerprint {
  const streams = canonicalStreams(graph);
  const indexOf = new Map(streams.map((stream, index) => [stream.id, index]));
  return {
    batchDurationMs: graph.batchDuration.milliseconds,
    streams: streams.map((stream) => ({
      kind: stream.className,
      ...(stream.name === undefined ? {} : { name: stream.name }),
      params: { ...stream.fingerprintParams() },
      parents: stream.dependencies.map((parent) => indexOf.get(parent.id)!),
    })),
    outputs: graph.getOutputStreams().map((output) => indexOf.get(output.id)!),
  };
}

/** A partitioner as a fingerprint parameter: `hash(4)`, or its class and partition count. */
export function partitionerFingerprint(partitioner: Partitioner): string {
  const kind = partitioner instanceof HashPartitioner ? 'hash' : partitioner.constructor.name;
  return `${kind}(${partitioner.numPartitions})`;
}

/** How many differences a message lists before it says how many more there are. */
const MAX_LISTED = 5;

/**
 * What changed from the graph that wrote a checkpoint (`written`) to the rebuilt one, as phrases
 * such as "stream 4: WindowedDStream window 30000 ms → 20000 ms" or "an output operation was
 * added"; empty when the shapes are the same.
 */
export function fingerprintDifferences(written: GraphFingerprint, rebuilt: GraphFingerprint): string[] {
  const differences: string[] = [];
  if (written.batchDurationMs !== rebuilt.batchDurationMs) {
    differences.push(`batch interval ${written.batchDurationMs} ms → ${rebuilt.batchDurationMs} ms`);
  }
  const outputDelta = rebuilt.outputs.length - written.outputs.length;
  if (outputDelta !== 0) differences.push(countChange(Math.abs(outputDelta), 'an output operation', 'output operations', outputDelta > 0));
  const common = Math.min(written.streams.length, rebuilt.streams.length);
  for (let i = 0; i < common; i++) differences.push(...streamDifferences(i, written.streams[i]!, rebuilt.streams[i]!));
  for (let i = common; i < rebuilt.streams.length; i++) differences.push(`${label(i, rebuilt.streams[i]!)} was added`);
  for (let i = common; i < written.streams.length; i++) differences.push(`${label(i, written.streams[i]!)} was removed`);
  const commonOutputs = Math.min(written.outputs.length, rebuilt.outputs.length);
  for (let i = 0; i < commonOutputs; i++) {
    if (written.outputs[i] !== rebuilt.outputs[i]) {
      differences.push(`output ${i} now writes stream ${rebuilt.outputs[i]} instead of stream ${written.outputs[i]}`);
    }
  }
  if (differences.length <= MAX_LISTED) return differences;
  return [...differences.slice(0, MAX_LISTED), `and ${differences.length - MAX_LISTED} more`];
}

function streamDifferences(index: number, written: StreamFingerprint, rebuilt: StreamFingerprint): string[] {
  if (written.kind !== rebuilt.kind) return [`stream ${index}: ${written.kind} → ${rebuilt.kind}`];
  const differences: string[] = [];
  const prefix = label(index, rebuilt);
  const keys = new Set([...Object.keys(written.params), ...Object.keys(rebuilt.params)]);
  for (const key of keys) {
    const before = written.params[key];
    const after = rebuilt.params[key];
    if (before === after) continue;
    differences.push(`${prefix} ${key} ${show(before)} → ${show(after)}`);
  }
  if (written.parents.join(',') !== rebuilt.parents.join(',')) {
    differences.push(`${prefix} reads ${parents(rebuilt.parents)} instead of ${parents(written.parents)}`);
  }
  return differences;
}

function label(index: number, stream: StreamFingerprint): string {
  return `stream ${index}: ${stream.kind}${stream.name === undefined ? '' : ` '${stream.name}'`}`;
}

function show(value: string | number | boolean | undefined): string {
  return value === undefined ? '(none)' : String(value);
}

function parents(indexes: readonly number[]): string {
  if (indexes.length === 0) return 'no stream';
  return indexes.length === 1 ? `stream ${indexes[0]}` : `streams ${indexes.join(', ')}`;
}

function countChange(count: number, one: string, many: string, added: boolean): string {
  const verb = added ? 'added' : 'removed';
  return count === 1 ? `${one} was ${verb}` : `${count} ${many} were ${verb}`;
}
