import { messageOf, PipelineValidationError } from '../errors.js';
import { Milliseconds } from '../streaming/Duration.js';
import type { DStream } from '../streaming/dstream/internal.js';
import type { StreamingContext } from '../streaming/StreamingContext.js';
import { Time } from '../streaming/Time.js';
import { analyzeGraph, type AnalyzedNode } from './analyzeGraph.js';
import { compileFunctionSource } from './functionSource.js';
import { nodeName, resolveParams } from './paramProblems.js';
import type { PipelineProblem } from './PipelineProblem.js';
import type { PipelineSpec } from './PipelineSpec.js';
import { isStateful, type ApplyContext, type CollectedBatch } from './registry/OperatorEntry.js';
import { checkStructure } from './specStructure.js';
import { validatePipeline } from './validatePipeline.js';

/** Where checkpoints go when a spec turns checkpointing on without naming a directory. */
export const DEFAULT_CHECKPOINT_DIRECTORY = 'checkpoint';

/** Options of `compilePipeline`. */
export interface CompileOptions {
  /**
   * Receives every batch of each `collect` node. Default: prints `<nodeId> <time>: <records as
   * JSON>` through the context's `printLine`, as the exported program does with `console.log`.
   */
  readonly collect?: (batch: CollectedBatch) => void;
}

/** The streams a spec compiled to. */
export interface CompiledPipeline {
  /** Every node's stream but the outputs', by node id; each stream is named after its node's id. */
  readonly streams: ReadonlyMap<string, DStream<unknown>>;
  /** The output nodes' ids, in spec order: the order their output operations were registered. */
  readonly outputs: readonly string[];
}

/**
 * Builds a spec's graph on `ssc` with the fluent API, through the operator registry: the same
 * operators, in dependency order (spec order among independent nodes), with the outputs
 * registered last in spec order — exactly what `exportCode`'s program builds. Turns checkpointing
 * on when the spec asks and `ssc` has no checkpoint directory yet, applies its interval to every
 * stateful node's stream, and records the spec on `ssc` so checkpoints store it. Throws a `PipelineValidationError` (a `ValidationError` of code
 * `PIPELINE_INVALID`) carrying every problem if the spec is invalid.
 *
 * **Runs user code.** Functions in the spec are evaluated here (only checked to be function
 * expressions first) and called on every batch, so call this inside the engine's worker, never
 * on a page's main thread; use `validatePipeline` there.
 */
export function compilePipeline(ssc: StreamingContext, spec: PipelineSpec, options: CompileOptions = {}): CompiledPipeline {
  const problems = validatePipeline(spec);
  if (ssc.batchDuration.milliseconds !== spec.batchDurationMs) {
    problems.push({
      code: 'BATCH_DURATION_MISMATCH',
      message:
        `The StreamingContext's batch duration is ${ssc.batchDuration.milliseconds} ms but the spec's batchDurationMs is ${spec.batchDurationMs}; ` +
        'create the context with batchDuration: Milliseconds(spec.batchDurationMs).',
    });
  }
  if (problems.length > 0) throw new PipelineValidationError(problems);

  const graph = analyzeGraph(checkStructure(spec).usable!);
  // Checkpoints store the spec, so a recovered program can be rebuilt from it.
  ssc.setPipelineSpec(JSON.stringify(spec));
  if (spec.checkpoint?.enabled && ssc.checkpointDir === undefined) ssc.checkpoint(spec.checkpoint.directory ?? DEFAULT_CHECKPOINT_DIRECTORY);
  const collect = options.collect ?? ((batch: CollectedBatch) => ssc.printLine(collectedLine(batch)));
  const intervalMs = spec.checkpoint?.intervalMs;

  const streams = new Map<string, DStream<unknown>>();
  const outputs: string[] = [];
  for (const analyzed of buildOrder(graph.order)) {
    const { node, entry } = analyzed;
    const params = resolveParams(entry!, node);
    const inputs = entry!.inputs.map((port) => streams.get(analyzed.inputs.get(port.name)![0]!.source.node.id)!);
    const ctx: ApplyContext = {
      ssc,
      nodeId: node.id,
      fn: (source, scope) => (source === undefined || source === null ? undefined : compileFunctionSource(source as string, scope)),
      collect,
    };
    let stream: DStream<unknown> | void;
    try {
      stream = entry!.apply(inputs, params, ctx);
    } catch (error) {
      throw new PipelineValidationError([operatorFailed(analyzed, error)], { cause: error });
    }
    if (!stream) {
      outputs.push(node.id);
      continue;
    }
    stream.setName(node.id);
    if (intervalMs !== undefined && isStateful(entry!, params)) stream.checkpoint(Milliseconds(intervalMs));
    streams.set(node.id, stream);
  }
  return { streams, outputs };
}

/** Streams in dependency order, then the output operations in spec order. */
export function buildOrder(order: readonly AnalyzedNode[]): AnalyzedNode[] {
  const isOutput = (n: AnalyzedNode): boolean => n.entry!.category === 'output';
  return [...order.filter((n) => !isOutput(n)), ...order.filter(isOutput).sort((a, b) => a.index - b.index)];
}

/** The line a `collect` node prints by default — the same the exported program prints. */
export function collectedLine(batch: CollectedBatch): string {
  return `${batch.nodeId} ${new Time(batch.timeMs)}: ${JSON.stringify(batch.records)}`;
}

function operatorFailed({ node }: AnalyzedNode, error: unknown): PipelineProblem {
  return { code: 'OPERATOR_FAILED', nodeId: node.id, message: `${nodeName(node)} could not be built: ${messageOf(error)}` };
}
