/**
 * Checkpointing to Chromium's real IndexedDB, timed (figures in test/bench/README.md, Checkpoints):
 * `IndexedDbCheckpointStore` alone with a 100,000-key state part, and the per-batch cost of the
 * `checkpoint` benchmark's pipeline (`updateStateByKey` over 100,000 keys) through the engine.
 * A benchmark, not a test: it asserts nothing about time, and runs only with
 *
 *   npm run bench:browser
 */
import { deleteDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  IndexedDbCheckpointStore,
  ManualClock,
  MemoryCheckpointStore,
  Seconds,
  StreamingContext,
  type CheckpointStore,
  type DStream,
} from '../../../core/src/browser.ts';
import { TestInputStream } from '../../../core/src/testing/index.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const runId = Date.now();
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** A state part of `keys` `[key, count]` pairs, as the engine would hand it over. */
const statePart = (keys: number, salt = 0): string => JSON.stringify(Array.from({ length: keys }, (_, i) => [`key-${i}`, i + salt]));

describe('checkpoints in Chromium (IndexedDB)', () => {
  it('IndexedDbCheckpointStore: writing and reading a 100,000-key state part', async () => {
    const name = `bench-store-${runId}`;
    const store = new IndexedDbCheckpointStore(name, { logger: quiet });
    const rounds = 5;
    const [fresh, same, read]: number[][] = [[], [], []];
    try {
      for (let i = 0; i < rounds; i++) {
        const state = statePart(100_000, i);
        let t = performance.now();
        await store.write(1000 * (2 * i + 1), new Map([['state', state]])); // new content
        fresh.push(performance.now() - t);
        t = performance.now();
        await store.write(1000 * (2 * i + 2), new Map([['state', state]])); // the same string again
        same.push(performance.now() - t);
        t = performance.now();
        expect((await store.readLatest())?.parts.get('state')?.length).toBe(state.length);
        read.push(performance.now() - t);
      }
    } finally {
      await store.close();
      await deleteDB(name);
    }
    const mb = (new TextEncoder().encode(statePart(100_000)).length / 1e6).toFixed(2);
    console.log(
      `[bench] IndexedDbCheckpointStore, Chromium, 100k-key state part (${mb} MB), median of ${rounds}: ` +
        `write new ${median(fresh).toFixed(1)} ms, write unchanged ${median(same).toFixed(1)} ms, readLatest ${median(read).toFixed(1)} ms`,
    );
  });

  it('per-batch cost of checkpointing a 100,000-key state', async () => {
    const keys = 100_000;
    const databases: string[] = [];
    /** The median wall ms of 20 batches after 5 warm-up ones, the state checkpointed every `interval` s. */
    const measure = async (store: CheckpointStore | string, interval: number): Promise<number> => {
      if (typeof store === 'string') databases.push(`${store}:checkpoint`);
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
      return median(times);
    };
    try {
      const baseline = await measure(new MemoryCheckpointStore({ logger: quiet }), 1000);
      const memory = await measure(new MemoryCheckpointStore({ logger: quiet }), 1);
      const indexedDb = await measure(`bench-${runId}`, 1);
      const indexedDb10 = await measure(`bench10-${runId}`, 10);
      console.log(
        `[bench] checkpoint in Chromium, median ms/batch: baseline ${baseline.toFixed(1)}, memory/1 ${memory.toFixed(1)}, ` +
          `indexeddb/1 ${indexedDb.toFixed(1)}, indexeddb/10 ${indexedDb10.toFixed(1)}`,
      );
    } finally {
      for (const database of databases) await deleteDB(database);
    }
  });
});
