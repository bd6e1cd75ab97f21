/**
 * Spark's `BlockGeneratorSuite` on a `ManualClock`, plus the throttling scenario Spark had to
 * ignore (it needed real time): here the rate limiter waits on the same clock, so it is exact.
 */
import { describe, expect, it } from 'vitest';
import { ReceiverError } from '../../../../src/errors.js';
import { BlockGenerator, type BlockGeneratorListener } from '../../../../src/streaming/receiver/BlockGenerator.js';
import { RateLimiter } from '../../../../src/streaming/receiver/RateLimiter.js';
import { ManualClock } from '../../../../src/streaming/util/ManualClock.js';
import type { Logger } from '../../../../src/util/Logger.js';

const blockIntervalMs = 10;

class TestBlockGeneratorListener implements BlockGeneratorListener<number> {
  readonly pushedBlocks: { id: string; records: number[] }[] = [];
  readonly errors: unknown[] = [];
  failNextPush: Error | undefined;

  onPushBlock(id: string, records: number[]): void {
    if (this.failNextPush) {
      const error = this.failNextPush;
      this.failNextPush = undefined;
      throw error;
    }
    this.pushedBlocks.push({ id, records });
  }

  onError(_message: string, error: unknown): void {
    this.errors.push(error);
  }

  get pushedData(): number[] {
    return this.pushedBlocks.flatMap((b) => b.records);
  }
}

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function setup(maxRate?: number, intervalMs = blockIntervalMs) {
  const clock = new ManualClock();
  const listener = new TestBlockGeneratorListener();
  const generator = new BlockGenerator<number>(listener, 0, clock, intervalMs, new RateLimiter(clock, maxRate), silent);
  return { clock, listener, generator };
}

describe('BlockGenerator', () => {
  it('block generation and data callbacks', async () => {
    const { clock, listener, generator } = setup();
    expect(generator.isActive()).toBe(false);
    generator.start();
    expect(generator.isActive()).toBe(true);
    expect(generator.isStopped()).toBe(false);

    // Data added before the first tick is pushed as the block of [0, 10) at 10.
    for (let i = 1; i <= 10; i++) await generator.addData(i);
    expect(listener.pushedBlocks).toEqual([]);
    await clock.advance(blockIntervalMs);
    expect(listener.pushedBlocks).toEqual([{ id: 'input-0-0', records: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }]);

    // An interval without data pushes no block.
    await clock.advance(blockIntervalMs);
    expect(listener.pushedBlocks).toHaveLength(1);

    // Several records stored together stay together.
    await generator.addMultipleData([11, 12, 13]);
    await generator.addData(14);
    await clock.advance(blockIntervalMs);
    expect(listener.pushedBlocks[1]).toEqual({ id: 'input-0-20', records: [11, 12, 13, 14] });

    await generator.stop();
    expect(generator.isStopped()).toBe(true);
    await generator.stop(); // calling stop again should be fine
  });

  it('using stopped block generator fails', async () => {
    const { generator } = setup();
    generator.start();
    await generator.stop();
    for (const add of [() => generator.addData(1), () => generator.addMultipleData([1])]) {
      expect(add).toThrow(ReceiverError);
      try {
        add();
      } catch (error) {
        expect((error as ReceiverError).code).toBe('RECEIVER_STOPPED');
      }
    }
    await expect(generator.addIterable((async function* () {})())).rejects.toMatchObject({ code: 'RECEIVER_STOPPED' });
  });

  it('stop ensures correct shutdown: all data is pushed without the clock moving', async () => {
    const { clock, listener, generator } = setup();
    generator.start();
    const data = Array.from({ length: 1000 }, (_, i) => i);
    for (const d of data) await generator.addData(d);
    await clock.advance(blockIntervalMs);
    await generator.addData(1000);
    await generator.stop();
    expect(listener.pushedData).toEqual([...data, 1000]);
    // The last block covers the interval after the last tick.
    expect(listener.pushedBlocks.map((b) => b.id)).toEqual(['input-0-0', 'input-0-10']);
    expect(clock.getTimeMillis()).toBe(10);
  });

  it('block push errors are reported', async () => {
    const { clock, listener, generator } = setup();
    generator.start();
    listener.failNextPush = new Error('push failed');
    await generator.addData(1);
    await clock.advance(blockIntervalMs);
    expect(listener.errors).toHaveLength(1);
    expect((listener.errors[0] as Error).message).toBe('push failed');
    expect(listener.pushedBlocks).toEqual([]); // the failed block is reported, not retried
    // The generator keeps cutting blocks.
    await generator.addData(2);
    await clock.advance(blockIntervalMs);
    expect(listener.pushedData).toEqual([2]);
    await generator.stop();
  });

  it('block generator throttling: a fast source is paced to maxRate, never dropped', async () => {
    const maxRate = 100; // one record every 10 ms
    const { clock, listener, generator } = setup(maxRate, 100);
    generator.start();
    let stored = 0;
    let stop = false;
    const produce = (async () => {
      while (!stop) await generator.addData(stored++);
    })();
    // Step by the rate's slot, so every record is admitted at its exact slot time.
    for (let t = 0; t < 2000; t += 10) await clock.advance(10);
    // Blocks cut at 100, 200, ..., 2000: each holds the records of its 100 ms, 10 of them.
    expect(listener.pushedBlocks).toHaveLength(20);
    for (const block of listener.pushedBlocks) expect(block.records).toHaveLength(10);
    expect(listener.pushedData).toEqual(Array.from({ length: 200 }, (_, i) => i));
    stop = true;
    await generator.stop();
    await produce;
    // Nothing the source handed over was lost: the store waiting for its slot went into the last block.
    expect(listener.pushedData).toEqual(Array.from({ length: stored }, (_, i) => i));
  });

  it('stop admits the stores waiting for the rate limiter, in order', async () => {
    const { clock, listener, generator } = setup(10); // one record every 100 ms
    generator.start();
    const stores = [generator.addData(1), generator.addData(2), generator.addMultipleData([3, 4]), generator.addData(5)];
    expect(clock.waiterCount).toBeGreaterThan(1);
    await generator.stop();
    await Promise.all(stores);
    expect(listener.pushedBlocks).toEqual([{ id: 'input-0-0', records: [1, 2, 3, 4, 5] }]);
  });

  it('pulls an async iterable one record per slot', async () => {
    const { clock, listener, generator } = setup(100, 50);
    generator.start();
    let pulled = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 8; i++) {
        pulled++;
        yield i;
      }
    }
    const storing = generator.addIterable(source());
    for (let t = 0; t < 100; t += 10) await clock.advance(10);
    await storing;
    expect(pulled).toBe(8);
    expect(listener.pushedBlocks).toEqual([
      { id: 'input-0-0', records: [0, 1, 2, 3, 4] },
      { id: 'input-0-50', records: [5, 6, 7] },
    ]);
    await generator.stop();
  });

  it('releases its timer and rate-limiter waits on stop', async () => {
    const { clock, generator } = setup(1);
    generator.start();
    void generator.addData(1);
    const waiting = generator.addData(2); // waits a whole second for its slot
    expect(clock.waiterCount).toBe(2); // the block timer and the waiting store
    await generator.stop();
    await waiting;
    expect(clock.waiterCount).toBe(0);
  });
});
