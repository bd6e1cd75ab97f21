import type { BatchSnapshot, LineageGraph, LoadedPipeline, SerializedError } from 'rivulet';

/** An `errorReported` event, as the run store keeps it until it knows the node. */
export interface ReportedError {
  readonly source: 'outputOperation' | 'receiver' | 'checkpoint' | 'engine';
  readonly batchTimeMs?: number;
  readonly outputOperationId?: number;
  readonly streamId?: number;
  readonly error: SerializedError;
}

/** RDD id → the pipeline node that made it, over every snapshot kept (a window's lineage reaches back several batches). */
export function rddOwners(batches: readonly BatchSnapshot[]): Map<number, string> {
  const owners = new Map<number, string>();
  for (const batch of batches) for (const node of batch.nodes) owners.set(node.rddId, node.nodeId);
  return owners;
}

/**
 * The pipeline node an RDD belongs to: the node that made it, or else the first node downstream
 * in the lineage (an RDD a node made inside its own computation, such as a shuffle's map side).
 */
export function ownerOfRdd(rddId: number, owners: ReadonlyMap<number, string>, lineage: LineageGraph): string | undefined {
  const seen = new Set<number>();
  let frontier = [rddId];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const id of frontier) {
      const owner = owners.get(id);
      if (owner !== undefined) return owner;
      for (const edge of lineage.edges) {
        if (edge.from === id && !seen.has(edge.to)) {
          seen.add(edge.to);
          next.push(edge.to);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * The node a reported error belongs to, for the red badge on the canvas:
 * - a receiver's error: the source node of its stream;
 * - a failed task: the node whose RDD the task computed (`TaskFailedError.rddId`), found through
 *   the batch's snapshot;
 * - failing that, the first node the failed batch could not compute, or the output operation's node.
 */
export function errorNode(
  reported: ReportedError,
  loaded: LoadedPipeline | undefined,
  snapshot: BatchSnapshot | undefined,
  owners: ReadonlyMap<number, string>,
): string | undefined {
  if (reported.source === 'receiver') return loaded?.nodes.find((n) => n.streamId === reported.streamId)?.nodeId;
  if (reported.source !== 'outputOperation') return undefined;
  const rddId = failedRddId(reported.error);
  if (rddId !== undefined && snapshot) {
    const owner = ownerOfRdd(rddId, owners, snapshot.lineage);
    if (owner !== undefined) return owner;
  }
  const uncomputed = snapshot?.nodes.find((n) => n.records === null);
  if (uncomputed) return uncomputed.nodeId;
  return reported.outputOperationId === undefined ? undefined : loaded?.outputs[reported.outputOperationId];
}

/** The id of the RDD whose task failed: `TaskFailedError.rddId`, anywhere in the cause chain. */
function failedRddId(error: SerializedError | undefined): number | undefined {
  for (let e = error; e; e = e.cause) {
    const rddId = e.details?.rddId;
    if (e.name === 'TaskFailedError' && typeof rddId === 'number') return rddId;
  }
  return undefined;
}

/** What went wrong, in the words of the user's own code: the innermost cause's message. */
export function rootMessage(error: SerializedError): string {
  let e = error;
  while (e.cause) e = e.cause;
  return e === error || e.name === 'Error' ? e.message : `${e.name}: ${e.message}`;
}
