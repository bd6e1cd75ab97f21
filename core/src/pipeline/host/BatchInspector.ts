import type { RDD } from '../../rdd/internal.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import type { DStream } from '../../streaming/dstream/internal.js';
import type { JsonValue } from '../PipelineSpec.js';
import type { LineageGraph, NodeSnapshot } from './EngineEvent.js';
import { lineageGraph } from './lineageGraph.js';
import { toJsonSafe, type JsonSafeLimits } from './toJsonSafe.js';

/** How much of a batch the inspector sends per node. */
export interface InspectionLimits {
  /** Records sampled per node. */
  readonly sampleSize: number;
  /** RDDs in a batch's lineage graph. */
  readonly maxLineageNodes: number;
  /** Characters of a node's `toDebugString()`. */
  readonly maxDebugStringLength: number;
  readonly record: JsonSafeLimits;
}

export const defaultInspectionLimits: InspectionLimits = {
  sampleSize: 10,
  maxLineageNodes: 200,
  maxDebugStringLength: 10_000,
  record: { maxStringLength: 200, maxEntries: 20, maxDepth: 4 },
};

/**
 * Shows what every node of a pipeline computed in a batch, without computing it twice: when a
 * batch is submitted (its RDDs generated, no job run yet) each node's RDD is persisted
 * (`MEMORY_ONLY`, unless the pipeline already persists it), so the batch's own jobs leave each
 * computed partition in the block manager, where the inspector reads counts, samples and compute
 * times after the batch. Partitions no job needed (`print()` takes only the first ones) are then
 * computed by one small job per node, from the cached parents. The RDDs are unpersisted by the
 * streams' usual `clearMetadata`, so memory stays bounded by each stream's remember duration.
 */
export class BatchInspector {
  constructor(
    /** The pipeline's streams by node id (`compilePipeline`'s `streams`). */
    private readonly streams: ReadonlyMap<string, DStream<unknown>>,
    private readonly limits: InspectionLimits = defaultInspectionLimits,
  ) {}

  /** Persists the nodes' RDDs of a batch that has been generated but not run. */
  onBatchSubmitted(batchTimeMs: number): void {
    for (const rdd of this.rddsOf(batchTimeMs).values()) {
      if (rdd.getStorageLevel() === StorageLevel.NONE) rdd.persist(StorageLevel.MEMORY_ONLY);
    }
  }

  /**
   * Every node that has an RDD for the batch, with the batch's lineage. `computeMissing` runs jobs
   * for partitions the batch did not compute (not after a failed batch, which would fail again).
   */
  async inspect(batchTimeMs: number, computeMissing: boolean): Promise<{ nodes: NodeSnapshot[]; lineage: LineageGraph }> {
    const rdds = this.rddsOf(batchTimeMs);
    const nodes: NodeSnapshot[] = [];
    for (const [nodeId, rdd] of rdds) nodes.push(await this.inspectNode(nodeId, rdd, computeMissing));
    return { nodes, lineage: lineageGraph([...rdds.values()], this.limits.maxLineageNodes) };
  }

  /** Node id → its RDD for the batch, in stream creation order (parents before children). */
  private rddsOf(batchTimeMs: number): Map<string, RDD<unknown>> {
    const entries = [...this.streams].sort((a, b) => a[1].id - b[1].id);
    const rdds = new Map<string, RDD<unknown>>();
    for (const [nodeId, stream] of entries) {
      const rdd = stream.generatedRDDs.get(batchTimeMs);
      if (rdd) rdds.set(nodeId, rdd);
    }
    return rdds;
  }

  private async inspectNode(nodeId: string, rdd: RDD<unknown>, computeMissing: boolean): Promise<NodeSnapshot> {
    const blocks = rdd.context.blockManager;
    const n = rdd.getNumPartitions();
    const counts: (number | null)[] = [];
    const heads: (readonly unknown[] | undefined)[] = [];
    const missing: number[] = [];
    let computeMs = 0;
    for (let p = 0; p < n; p++) {
      const block = blocks.peekBlock(rdd.id, p);
      counts.push(block ? block.records.length : null);
      heads.push(block?.records);
      if (block) computeMs += block.computeMs;
      else missing.push(p);
    }
    if (missing.length > 0 && computeMissing) {
      const size = this.limits.sampleSize;
      try {
        const results = await rdd.context.runJob(rdd, (values: unknown[]) => ({ count: values.length, head: values.slice(0, size) }), missing);
        results.forEach((result, i) => {
          const p = missing[i]!;
          counts[p] = result.count;
          heads[p] = result.head;
          computeMs += blocks.peekBlock(rdd.id, p)?.computeMs ?? 0;
        });
      } catch {
        // The partition fails to compute (reported with its batch already); it stays unknown.
      }
    }
    return {
      nodeId,
      streamId: this.streams.get(nodeId)!.id,
      rddId: rdd.id,
      partitions: n,
      recordsPerPartition: counts,
      records: counts.includes(null) ? null : counts.reduce<number>((a, b) => a + b!, 0),
      sample: this.sample(heads),
      computeMs,
      debugString: truncate(rdd.toDebugString(), this.limits.maxDebugStringLength),
    };
  }

  private sample(heads: readonly (readonly unknown[] | undefined)[]): JsonValue[] {
    const sample: JsonValue[] = [];
    for (const head of heads) {
      if (!head) continue;
      for (let i = 0; i < head.length && sample.length < this.limits.sampleSize; i++) {
        sample.push(toJsonSafe(head[i], this.limits.record));
      }
    }
    return sample;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n…` : text;
}
