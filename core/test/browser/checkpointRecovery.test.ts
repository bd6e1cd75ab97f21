/**
 * Recovery in the browser: `getOrCreate` with a name checkpoints to IndexedDB (through the browser
 * entry), and a context rebuilt from it resumes the state where the first one stopped. What
 * checkpointing costs per batch there is a benchmark: test/bench/browser/checkpointIndexedDb.bench.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext, type DStream } from '../../src/browser.ts';
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
});
