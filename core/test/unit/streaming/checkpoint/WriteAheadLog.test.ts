/**
 * The write-ahead log of received blocks (Spark's `ReceivedBlockTrackerSuite` with the log on, and
 * `WriteAheadLogBasedBlockHandler`): a reliable `store` resolves once its block is logged,
 * allocations are logged too, a restart re-reads what was not processed, and the log is cleaned.
 */
import { describe, expect, it } from 'vitest';
import {
  type Clock,
  ManualClock,
  MemoryCheckpointStore,
  Receiver,
  Seconds,
  StreamingContext,
} from '../../../../src/index.js';
import { deserialize } from '../../../../src/checkpoint/serialize.js';
import type { ReceivedBlockEvent } from '../../../../src/streaming/scheduler/ReceivedBlockLog.js';
import { silentLogger } from './checkpointTester.js';
import { crashable, type CrashableStore } from './crashableStore.js';

/** A replayable source with acknowledgements, as a Kafka topic with committed offsets. */
class AckedSource {
  acked = 0;
  constructor(readonly records: readonly string[]) {}
}

/**
 * Emits record i of the source at 100 × i + 50 ms, from the first unacknowledged one, with the
 * reliable `store([record])`, and acknowledges it once stored — unless the process "died".
 */
class AckingReceiver extends Receiver<string> {
  constructor(
    private readonly source: AckedSource,
    private readonly clock: Clock,
    private readonly store_: CrashableStore,
  ) {
    super();
  }

  onStart(): void {
    void this.run();
  }

  onStop(): void {}

  private async run(): Promise<void> {
    for (let i = this.source.acked; i < this.source.records.length; i++) {
      await this.clock.waitTillTime(100 * i + 50);
      if (this.isStopped()) return;
      const stored = this.store([this.source.records[i]!]);
      this.clock.trackWork?.(stored);
      try {
        await stored;
      } catch {
        return; // stopped
      }
      if (!this.store_.crashed) this.source.acked = i + 1;
    }
  }
}

const keyOf = (record: string): string => record.split('-')[0]!;

describe('WriteAheadLog', () => {
  it('store(records[]) resolves once its block is in the log, and each batch allocation is logged', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger });
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger, writeAheadLog: true });
    ssc.checkpoint(store);
    let stored!: (records: string[]) => Promise<void>;
    class Direct extends Receiver<string> {
      onStart(): void {
        stored = (records) => this.store(records);
      }
      onStop(): void {}
    }
    ssc.receiverStream(new Direct()).foreachRDD(() => undefined);
    ssc.start();
    await stored(['x', 'y']);
    const afterStore = (await store.writeAheadLog.readAll()).map(({ record }) => deserialize(record) as ReceivedBlockEvent);
    expect(afterStore).toEqual([{ e: 'block', block: expect.objectContaining({ records: ['x', 'y'], numRecords: 2 }) }]);
    await clock.advance(1000);
    const events = (await store.writeAheadLog.readAll()).map(({ record }) => deserialize(record) as ReceivedBlockEvent);
    expect(events.map((event) => event.e)).toEqual(['block', 'allocate', 'cleanup']);
    expect(events[1]).toMatchObject({ e: 'allocate', timeMs: 1000 });
    await ssc.stop();
  });

  it('a receiver-fed pipeline killed mid-batch loses no record, and counts each once', async () => {
    const records = Array.from({ length: 30 }, (_, i) => `k${i % 3}-${i}`);
    const source = new AckedSource(records);
    const durable = new MemoryCheckpointStore({ logger: silentLogger });
    const batches = new Map<number, string[]>();
    let finalState: [string, number][] = [];

    const build = (store: CrashableStore, clock: ManualClock, crashAtMs?: number) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger, writeAheadLog: true });
      ssc.checkpoint(store);
      const lines = ssc.receiverStream(new AckingReceiver(source, clock, store));
      lines.foreachRDD(async (rdd, time) => {
        const collected = await rdd.collect();
        if (time.milliseconds === crashAtMs) store.crash(); // dies before this batch's output is made
        if (!store.crashed) batches.set(time.milliseconds, collected);
      });
      lines
        .map((line): [string, number] => [keyOf(line), 1])
        .updateStateByKey((values: number[], state: number | undefined) => values.length + (state ?? 0))
        .foreachRDD(async (rdd) => {
          const state = await rdd.collect();
          if (!store.crashed) finalState = state;
        });
      return ssc;
    };

    const clock1 = new ManualClock();
    const store1 = crashable(durable);
    const first = await StreamingContext.getOrCreate(store1, build(store1, clock1, 2000));
    first.start();
    await clock1.advance(2500);
    await first.stop();
    expect(source.acked).toBeGreaterThan(10);
    expect(source.acked).toBeLessThan(30);

    const clock2 = new ManualClock(2500);
    const store2 = crashable(durable);
    const second = await StreamingContext.getOrCreate(store2, build(store2, clock2));
    second.start();
    for (let i = 0; i < 4; i++) await clock2.advance(1000);
    await second.stop({ stopGracefully: true });

    const seen = [...batches.values()].flat();
    expect(seen.sort()).toEqual([...records].sort());
    expect(new Set(seen).size).toBe(records.length);
    expect(finalState.sort()).toEqual([
      ['k0', 10],
      ['k1', 10],
      ['k2', 10],
    ]);
  });

  it('cleans the log once completed batches are checkpointed', async () => {
    const store = new MemoryCheckpointStore({ logger: silentLogger, writeAheadLogWindowMs: 1000 });
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger, writeAheadLog: true });
    ssc.checkpoint(store);
    const source = new AckedSource(Array.from({ length: 100 }, (_, i) => `r${i}`));
    const base = crashable(store);
    ssc.receiverStream(new AckingReceiver(source, clock, base)).foreachRDD(() => undefined);
    ssc.start();
    for (let i = 0; i < 10; i++) await clock.advance(1000);
    const events = (await store.writeAheadLog.readAll()).map(({ record }) => deserialize(record) as ReceivedBlockEvent);
    const blockTimes = events.flatMap((event) => (event.e === 'block' ? [event.block.logTimeMs!] : []));
    // The input stream remembers 1 batch: only the last batches' blocks (and their window) are left.
    expect(Math.min(...blockTimes)).toBeGreaterThanOrEqual(7000);
    expect(source.acked).toBe(100);
    await ssc.stop();
  });

  it('without the log, recovery warns that blocks of unprocessed batches were lost', async () => {
    const durable = new MemoryCheckpointStore({ logger: silentLogger });
    const source = new AckedSource(Array.from({ length: 20 }, (_, i) => `r${i}`));
    const warnings: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const checkpointed = new Promise<void>((resolve) => (written = resolve));
    const build = (store: CrashableStore, clock: ManualClock) => () => {
      const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger });
      ssc.checkpoint(store);
      ssc.addStreamingListener({ onCheckpointWritten: () => written() });
      ssc.receiverStream(new AckingReceiver(source, clock, store)).foreachRDD(async (_rdd, time) => {
        if (time.milliseconds === 1000 && !store.crashed) await gate;
      });
      return ssc;
    };
    const clock1 = new ManualClock();
    const store1 = crashable(durable);
    const first = await StreamingContext.getOrCreate(store1, build(store1, clock1));
    first.start();
    const advanced = clock1.advance(1000);
    await checkpointed; // batch 1000 is pending in a durable checkpoint, with its blocks
    store1.crash();
    release();
    await advanced;
    await first.stop();
    const store2 = crashable(durable);
    const second = await StreamingContext.getOrCreate(store2, build(store2, new ManualClock(1000)));
    second.start();
    await second.stop();
    expect(warnings.join('\n')).toMatch(/Recovery: \d+ received blocks of unprocessed batches were not recovered, as the write-ahead log is off/);
  });
});
