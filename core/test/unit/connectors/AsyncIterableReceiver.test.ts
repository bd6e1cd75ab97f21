/**
 * `fromAsyncIterable`: the iterable is drained into batches, pulled only as fast as `store`
 * accepts (so a rate limit slows the iterable itself), ends or fails by stopping the receiver, and
 * is released — its `finally` blocks run — when the context stops.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext, type ReceiverOptions } from '../../../src/index.js';
import { collect, ReceiverEvents, silent } from '../../support/receiverEvents.js';

let current: StreamingContext | undefined;

function newContext(options: ReceiverOptions = {}) {
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silent, ...options });
  current = ssc;
  return { ssc, clock, events: new ReceiverEvents(ssc) };
}

afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('fromAsyncIterable', () => {
  it('drains the iterable into batches, then stops the receiver', async () => {
    async function* values(): AsyncGenerator<number> {
      for (let i = 1; i <= 5; i++) {
        await Promise.resolve();
        yield i;
      }
    }
    const { ssc, clock, events } = newContext();
    const out = collect(ssc.fromAsyncIterable(values()));
    ssc.start();
    await events.until('receiverStopped', 1);
    await clock.advance(1000);
    expect(out).toEqual([[1, 2, 3, 4, 5]]);
    const stopped = events.seen.find((e) => e.type === 'receiverStopped');
    expect(stopped?.type === 'receiverStopped' && stopped.receiverInfo.lastErrorMessage).toBe('The async iterable ended');
  });

  it('pulls the next record only once store accepted the last (backpressure)', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<number> {
      for (;;) yield pulled++;
    }
    const { ssc, clock } = newContext({ receiverMaxRate: 2 });
    const out = collect(ssc.fromAsyncIterable(endless()));
    ssc.start();
    for (let i = 0; i < 5; i++) await clock.advance(1000);
    const stored = out.flat();
    expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i)); // in order, none lost
    expect(stored.length).toBeGreaterThanOrEqual(8); // 2 per second...
    expect(pulled).toBeLessThanOrEqual(stored.length + 3); // ...and never pulled far ahead
  });

  it('stops the receiver with the error when the iterable throws', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'a';
      yield 'b';
      throw new Error('boom');
    }
    const { ssc, clock, events } = newContext();
    const out = collect(ssc.fromAsyncIterable(failing()));
    ssc.start();
    await events.until('receiverStopped', 1);
    await clock.advance(1000);
    expect(out).toEqual([['a', 'b']]);
    const stopped = events.seen.find((e) => e.type === 'receiverStopped');
    const info = stopped?.type === 'receiverStopped' ? stopped.receiverInfo : undefined;
    expect(info?.lastErrorMessage).toBe('The async iterable failed');
    expect((info?.lastError as Error).message).toBe('boom');
  });

  it("releases the iterator on stop: the generator's finally runs", async () => {
    let released = false;
    async function* endless(): AsyncGenerator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        released = true;
      }
    }
    const { ssc, clock } = newContext({ receiverMaxRate: 10 });
    collect(ssc.fromAsyncIterable(endless()));
    ssc.start();
    await clock.advance(1000);
    await ssc.stop();
    expect(released).toBe(true);
    expect(clock.waiterCount).toBe(0);
  });
});
