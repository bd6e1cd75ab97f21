import { ShuffleDependency } from '../../rdd/Dependency.js';
import type { RDD } from '../../rdd/internal.js';
import type { LineageEdge, LineageGraph, LineageNode } from './EngineEvent.js';

/**
 * The lineage of `roots` as one graph (shared parents appear once), walked breadth-first from the
 * roots and cut after `maxNodes` RDDs — a window over many batches has long lineages, and the
 * editor needs the recent part. Edges point from parent to child, as data flows.
 */
export function lineageGraph(roots: readonly RDD<unknown>[], maxNodes: number): LineageGraph {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  const seen = new Set<number>();
  const queue: RDD<unknown>[] = [];
  let truncated = false;
  const visit = (rdd: RDD<unknown>): boolean => {
    if (seen.has(rdd.id)) return true;
    if (seen.size === maxNodes) return false;
    seen.add(rdd.id);
    queue.push(rdd);
    return true;
  };
  for (const root of roots) truncated = !visit(root) || truncated;
  for (let i = 0; i < queue.length; i++) {
    const rdd = queue[i]!;
    nodes.push(lineageNode(rdd));
    for (const dep of rdd.dependencies) {
      if (!visit(dep.rdd)) {
        truncated = true;
        continue;
      }
      edges.push({ from: dep.rdd.id, to: rdd.id, shuffle: dep instanceof ShuffleDependency });
    }
  }
  return { nodes, edges, truncated };
}

function lineageNode(rdd: RDD<unknown>): LineageNode {
  const cached = rdd.context.blockManager.rddStatus(rdd.id);
  return {
    id: rdd.id,
    className: rdd.className,
    ...(rdd.name === undefined ? {} : { name: rdd.name }),
    creationSite: rdd.creationSite,
    partitions: rdd.getNumPartitions(),
    storage: rdd.getStorageLevel().description,
    cachedPartitions: cached.partitions,
    cachedBytes: cached.bytes,
    checkpointed: rdd.isCheckpointed(),
  };
}
