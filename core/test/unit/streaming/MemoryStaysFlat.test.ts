/**
 * A long run keeps nothing it no longer needs: generated RDDs are forgotten after the remember
 * duration, persisted blocks are dropped with them, and per-batch bookkeeping is cleaned up.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext, type DStream } from '../../../src/index.js';
import { TestInputStream } from '../../../src/testing/index.js';

const numBatches = 500;

/** Every stream the outputs depend on. */
function allStreams(ssc: StreamingContext): DStream<unknown>[] {
  const seen = new Set<DStream<unknown>>();
  const visit = (s: DStream<unknown>): void => {
    if (seen.has(s)) return;
    seen.add(s);
    s.dependencies.forEach(visit);
  };
  ssc.graph.getOutputStreams().forEach(visit);
  return [...seen];
}

/** Engine bookkeeping that is private to the scheduler; read here only to check it is cleaned up. */
function inputInfoBatches(ssc: StreamingContext): number {
  const scheduler = (ssc as unknown as { scheduler: { inputInfoTracker: { byBatch: Map<number, unknown> } } }).scheduler;
  return scheduler.inputInfoTracker.byBatch.size;
}

describe('memory', () => {
  it(`stays flat over ${numBatches} batches of map and reduceByKey`, async () => {
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    // The same amount of data every batch: 200 words from a vocabulary of 20.
    const input = Array.from({ length: numBatches }, (_, i) => Array.from({ length: 200 }, (_, j) => `word${(i + j) % 20}`));
    let latest: [string, number][] = [];
    new TestInputStream(ssc, input, 2)
      .map((w): [string, number] => [w, 1])
      .cache() // persisted, so the block manager holds data that must be released
      .reduceByKey((a, b) => a + b)
      .foreachRDD(async (rdd) => {
        latest = await rdd.collect();
      });
    ssc.start();
    const streams = allStreams(ssc);
    expect(streams).toHaveLength(4); // input, map, reduceByKey (shuffle), and the output

    const memory: number[] = [];
    let maxRemembered = 0;
    let maxInputInfos = 0;
    for (let i = 0; i < numBatches; i++) {
      await clock.advance(1000);
      memory.push(ssc.rddContext.blockManager.memoryUsed);
      for (const stream of streams) maxRemembered = Math.max(maxRemembered, stream.generatedRDDs.size);
      maxInputInfos = Math.max(maxInputInfos, inputInfoBatches(ssc));
      expect(clock.waiterCount).toBe(1); // only the batch timer waits
    }
    await ssc.stop();

    expect(latest.reduce((sum, [, n]) => sum + n, 0)).toBe(200); // the last batch really ran
    expect(maxRemembered).toBeLessThanOrEqual(1); // each stream remembers only its current batch
    expect(maxInputInfos).toBeLessThanOrEqual(2); // as Spark: kept while the input remembers the batch, plus one
    // The cached blocks of one batch, no more: the last 100 batches use no more than the first 100.
    expect(memory[0]).toBeGreaterThan(0);
    expect(Math.max(...memory.slice(-100))).toBeLessThanOrEqual(Math.max(...memory.slice(0, 100)));
    // Stopping releases the rest.
    expect(ssc.rddContext.blockManager.memoryUsed).toBe(0);
  });
});
