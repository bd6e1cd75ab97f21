/**
 * Recovery in the browser: `getOrCreate` with a name checkpoints to IndexedDB (through the browser
 * entry), and a context rebuilt from it resumes the state where the first one stopped.
 *
 * With `VITE_RIVULET_BENCH=1` in the environment, it also measures the per-batch cost of
 * checkpointing a 100,000-key state to Chromium's IndexedDB (test/bench/README.md, Checkpoints):
 *
 *   VITE_RIVULET_BENCH=1 npx vitest run --project core-browser core/test/browser/checkpointRecovery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, MemoryCheckpointStore, Seconds, StreamingContext, type CheckpointStore, type DStream } from '../../src/browser.ts';
import { TestInputStream } from '../../src/testing/index.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('checkpoint recovery in the browser', () => {
  it('getOrCreate resumes updateStateByKey from an IndexedDB checkpoint', async () => {
    const name = `recovery-${Date.now()}`;
    const input = Array.from({ length: 6 }, (_, i) => Array.from({ length: i + 1 }, () => 'k'));
    const outputs = new Map<number, [string, number][]>();
    const factory = (clock: ManualClock) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: quiet });
      ssc.checkpoint(name);
      (new TestInputStream(ssc, input, 2) as DStream<string>)
        .map((w): [string, number] => [w, 1])
        .updateStateByKey((values: number[], state: number | undefined) => values.length + (state ?? 0))
        .checkpoint(Seconds(2))
        .foreachRDD(async (rdd, time) => void outputs.set(time.milliseconds, await rdd.collect()));
      return ssc;
    };
    const clock = new ManualClock();
    const first = await StreamingContext.getOrCreate(name, factory(clock), { logger: quiet });
    first.start();
    await clock.advance(3000);
    await first.stop();

    const clock2 = new ManualClock(3000);
    const second = await StreamingContext.getOrCreate(name, factory(clock2), { logger: quiet });
    second.start();
    await clock2.advance(3000);
    await second.stop();
    expect([...outputs]).toEqual([1, 2, 3, 4, 5, 6].map((i) => [i * 1000, [['k', (i * (i + 1)) / 2]]]));
  });

  const isBench = Boolean((import.meta as unknown as { env?: Record<string, string | undefined> }).env?.VITE_RIVULET_BENCH);

  it.skipIf(!isBench)('per-batch cost of checkpointing a 100,000-key state to IndexedDB', async () => {
    const keys = 100_000;
    const measure = async (store: CheckpointStore | string, interval: number): Promise<number> => {
      const clock = new ManualClock();
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: quiet });
      ssc.checkpoint(store);
      const initial = ssc.rddContext.parallelize(Array.from({ length: keys }, (_, i): [string, number] => [`key-${i}`, 0]), 2);
      const input = Array.from({ length: 25 }, (_, b) => Array.from({ length: 1000 }, (_, i) => `key-${(b * 7919 + i * 104729) % keys}`));
      (new TestInputStream(ssc, input, 2) as DStream<string>)
        .map((w): [string, number] => [w, 1])
        .updateStateByKey((values: number[], state: number | undefined) => (state ?? 0) + values.length, 2, initial)
        .checkpoint(Seconds(interval))
        .foreachRDD(async (rdd) => void (await rdd.count()));
      ssc.start();
      const times: number[] = [];
      for (let i = 0; i < 25; i++) {
        const start = performance.now();
        await clock.advance(1000);
        if (i >= 5) times.push(performance.now() - start);
      }
      await ssc.stop();
      return times.sort((a, b) => a - b)[times.length >> 1]!;
    };
    const baseline = await measure(new MemoryCheckpointStore({ logger: quiet }), 1000);
    const memory = await measure(new MemoryCheckpointStore({ logger: quiet }), 1);
    const indexedDb = await measure(`bench-${Date.now()}`, 1);
    const indexedDb10 = await measure(`bench10-${Date.now()}`, 10);
    console.log(
      `checkpoint in Chromium, median ms/batch: baseline ${baseline.toFixed(1)}, memory/1 ${memory.toFixed(1)}, ` +
        `indexeddb/1 ${indexedDb.toFixed(1)}, indexeddb/10 ${indexedDb10.toFixed(1)}`,
    );
    expect(indexedDb).toBeGreaterThan(0);
  }, 300_000);
});
