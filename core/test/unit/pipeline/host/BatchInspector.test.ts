import { describe, expect, it } from 'vitest';
import { BatchInspector } from '../../../../src/pipeline/host/BatchInspector.ts';
import type { NodeSnapshot } from '../../../../src/pipeline/host/EngineEvent.ts';
import { ManualClock, Seconds, StreamingContext, type DStream } from '../../../../src/index.ts';

/** A word count whose only output prints the words, so print's take() computes only partition 0. */
function wordCount(batches: number, printCounts = true) {
  const clock = new ManualClock();
  const printed: string[] = [];
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, master: 'local[2]', printLine: (l) => printed.push(l) });
  const rdds = Array.from({ length: batches }, () => ssc.rddContext.parallelize(['a b', 'b c', 'c d e', 'a'], 2));
  const input = ssc.queueStream(rdds);
  const words = input.flatMap((line) => line.split(' '));
  const counts = words.map((w): [string, number] => [w, 1]).reduceByKey((a, b) => a + b, 2);
  words.print(1);
  if (printCounts) counts.print();
  const streams = new Map<string, DStream<unknown>>([
    ['input', input],
    ['words', words],
    ['counts', counts],
  ]);
  return { ssc, clock, streams, printed };
}

/** Runs `batches` batches with an inspector, collecting its snapshots. */
async function inspectRun(batches: number, computeMissing: boolean, printCounts = true) {
  const { ssc, clock, streams } = wordCount(batches, printCounts);
  const inspector = new BatchInspector(streams);
  const snapshots: Map<string, NodeSnapshot>[] = [];
  const lineages: Awaited<ReturnType<BatchInspector['inspect']>>['lineage'][] = [];
  const memory: number[] = [];
  ssc.addStreamingListener({
    onBatchSubmitted: (e) => inspector.onBatchSubmitted(e.batchInfo.batchTime.milliseconds),
    onBatchCompleted: (e) =>
      clock.trackWork(
        inspector.inspect(e.batchInfo.batchTime.milliseconds, computeMissing).then(({ nodes, lineage }) => {
          snapshots.push(new Map(nodes.map((n) => [n.nodeId, n])));
          lineages.push(lineage);
          memory.push(ssc.rddContext.blockManager.memoryUsed);
        }),
      ),
  });
  ssc.start();
  for (let i = 0; i < batches; i++) await clock.advance(1000);
  await ssc.stop();
  return { snapshots, lineages, memory };
}

describe('BatchInspector', () => {
  it("counts every node's records per partition and samples them, from the batch's cached partitions", async () => {
    const { snapshots } = await inspectRun(1, true);
    const nodes = snapshots[0]!;
    expect(nodes.get('input')).toMatchObject({ partitions: 2, recordsPerPartition: [2, 2], records: 4, sample: ['a b', 'b c', 'c d e', 'a'] });
    expect(nodes.get('words')).toMatchObject({ recordsPerPartition: [4, 4], records: 8, sample: ['a', 'b', 'b', 'c', 'c', 'd', 'e', 'a'] });
    const counts = nodes.get('counts')!;
    expect(counts.records).toBe(5);
    expect([...counts.sample].sort()).toEqual([['a', 2], ['b', 2], ['c', 2], ['d', 1], ['e', 1]]);
    expect(counts.debugString).toContain('ShuffledRDD');
    expect(counts.debugString).toContain('+-(2)');
    for (const node of nodes.values()) expect(node.computeMs).toBeGreaterThanOrEqual(0);
  });

  it("computes the partitions no job needed (print's take), or leaves them unknown when told not to", async () => {
    const skipped = (await inspectRun(1, false, false)).snapshots[0]!;
    expect(skipped.get('words')).toMatchObject({ recordsPerPartition: [4, null], records: null, sample: ['a', 'b', 'b', 'c'] });
    expect(skipped.has('counts')).toBe(false); // no output needed it, so it has no RDD
    const computed = (await inspectRun(1, true, false)).snapshots[0]!;
    expect(computed.get('words')).toMatchObject({ recordsPerPartition: [4, 4], records: 8 });
  });

  it('sends the lineage of all nodes as one graph, with shuffle edges marked', async () => {
    const { snapshots, lineages } = await inspectRun(1, true);
    const lineage = lineages[0]!;
    const ids = new Set(lineage.nodes.map((n) => n.id));
    for (const node of snapshots[0]!.values()) expect(ids.has(node.rddId)).toBe(true);
    expect(lineage.edges.filter((e) => e.shuffle)).toHaveLength(1);
    expect(lineage.nodes.find((n) => n.className === 'ShuffledRDD')).toMatchObject({ partitions: 2, storage: 'Memory Deserialized 1x Replicated' });
    expect(lineage.truncated).toBe(false);
  });

  it('releases what it cached: memory stays flat over many batches', async () => {
    const { memory } = await inspectRun(12, true);
    expect(memory[11]).toBe(memory[3]);
  });
});
