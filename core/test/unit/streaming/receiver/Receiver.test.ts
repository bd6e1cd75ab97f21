/**
 * Spark's `ReceiverSuite` and `ReceiverInputDStreamSuite` through a real context on a
 * `ManualClock`: the receiver's life cycle (start, store, restart after a delay on the clock,
 * stop), errors reaching listeners and the logger, blocks becoming the partitions of each batch,
 * graceful stop, and what is released on stop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ManualClock,
  Receiver,
  ReceiverError,
  Seconds,
  StreamingContext,
  Time,
  ValidationError,
  type BatchInfo,
  type DStream,
  type Logger,
  type ReceiverInfo,
  type ReceiverOptions,
  type StreamingListener,
} from '../../../../src/index.js';

// ---- Fixtures ----

/**
 * Spark's `FakeReceiver`: `onStart` starts an asynchronous loop (it does not block) that, with
 * `sendData`, stores a counter every 10 ms of the context clock until the receiver stops.
 */
class FakeReceiver extends Receiver<number> {
  receiving = false;
  onStartCalled = 0;
  onStopCalled = 0;
  loop: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private count = 0;

  constructor(
    private readonly clock: ManualClock,
    private readonly sendData = false,
  ) {
    super();
  }

  onStart(): void {
    this.onStartCalled++;
    const abort = (this.abort = new AbortController());
    this.loop = this.receive(abort.signal);
  }

  async onStop(): Promise<void> {
    this.onStopCalled++;
    this.abort?.abort();
    await this.loop;
    this.receiving = false;
  }

  private async receive(signal: AbortSignal): Promise<void> {
    this.receiving = true;
    try {
      while (!this.isStopped()) {
        if (this.sendData) await this.store(this.count++);
        await this.clock.waitTillTime(this.clock.getTimeMillis() + 10, signal);
      }
    } catch {
      // aborted by onStop
    }
  }
}

/** A receiver the test drives: it stores whatever the test gives it. */
class ManualReceiver extends Receiver<number> {
  starts = 0;
  stops = 0;
  failStarts = 0;

  onStart(): void {
    this.starts++;
    if (this.failStarts > 0) {
      this.failStarts--;
      throw new Error('cannot connect');
    }
  }

  onStop(): void {
    this.stops++;
  }
}

interface Harness {
  ssc: StreamingContext;
  clock: ManualClock;
  logged: { level: string; message: string; details: unknown[] }[];
  receiverEvents: { type: string; info: ReceiverInfo }[];
  batches: BatchInfo[];
}

let current: StreamingContext | undefined;

function newContext(options: ReceiverOptions = {}): Harness {
  const clock = new ManualClock();
  const logged: Harness['logged'] = [];
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      void logged.push({ level, message, details });
  const logger: Logger = { debug: () => {}, info: at('info'), warn: at('warn'), error: at('error') };
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger, ...options });
  current = ssc;
  const receiverEvents: Harness['receiverEvents'] = [];
  const batches: BatchInfo[] = [];
  const listener: StreamingListener = {
    onReceiverStarted: (e) => void receiverEvents.push({ type: e.type, info: e.receiverInfo }),
    onReceiverError: (e) => void receiverEvents.push({ type: e.type, info: e.receiverInfo }),
    onReceiverStopped: (e) => void receiverEvents.push({ type: e.type, info: e.receiverInfo }),
    onBatchCompleted: (e) => void batches.push(e.batchInfo),
  };
  ssc.addStreamingListener(listener);
  return { ssc, clock, logged, receiverEvents, batches };
}

/** Collects each batch's RDD as its partitions. */
function collectPartitions<T>(stream: DStream<T>): T[][][] {
  const out: T[][][] = [];
  stream.glom().foreachRDD(async (rdd) => {
    out.push(await rdd.collect());
  });
  return out;
}

async function* asyncValues(values: number[]): AsyncGenerator<number> {
  for (const v of values) yield v;
}

afterEach(async () => {
  await current?.stop();
  current = undefined;
});

// ---- Tests ----

describe('ReceiverSuite', () => {
  it('receiver life cycle', async () => {
    const { ssc, clock, receiverEvents, logged } = newContext({ receiverRestartDelayMs: 500 });
    const receiver = new FakeReceiver(clock);
    const out = collectPartitions(ssc.receiverStream(receiver));
    expect(receiver.isStarted()).toBe(false);
    expect(receiver.isStopped()).toBe(false);

    ssc.start();
    // Verify that the receiver was started
    expect(receiver.onStartCalled).toBe(1);
    expect(receiver.isStarted()).toBe(true);
    expect(receiver.isStopped()).toBe(false);
    expect(receiver.receiving).toBe(true);
    expect(receiverEvents.map((e) => e.type)).toEqual(['receiverStarted']);
    expect(receiverEvents[0]!.info).toEqual({ streamId: 0, name: 'FakeReceiver', active: true });

    // Verify that the data stored by the receiver reaches the batch, in every form store() takes
    await receiver.store(1);
    await receiver.store([2, 3]);
    await receiver.store(asyncValues([4, 5]));
    await clock.advance(1000);
    expect(out.flat(2)).toEqual([1, 2, 3, 4, 5]);

    // Verify that the errors reported by the receiver reach listeners and the logger
    const exception = new Error('boom');
    receiver.reportError('Error', exception);
    const reported = receiverEvents.at(-1)!;
    expect(reported.type).toBe('receiverError');
    expect(reported.info).toMatchObject({ active: true, lastErrorMessage: 'Error', lastErrorTime: 1000 });
    expect(reported.info.lastError).toBe(exception);
    expect(logged.some((l) => l.level === 'warn' && l.message.includes('Error') && l.details[0] === exception)).toBe(true);
    expect(receiver.isStarted()).toBe(true);

    // Verify restarting actually stops and starts the receiver, after the delay on the clock
    receiver.restart('restarting', undefined, 100);
    expect(receiver.isStopped()).toBe(true);
    await clock.advance(99);
    expect(receiver.onStopCalled).toBe(1);
    expect(receiver.receiving).toBe(false);
    expect(receiver.onStartCalled).toBe(1);
    await clock.advance(1);
    expect(receiver.onStartCalled).toBe(2);
    expect(receiver.isStarted()).toBe(true);
    expect(receiver.isStopped()).toBe(false);
    expect(receiver.receiving).toBe(true);
    expect(receiverEvents.slice(-2).map((e) => e.type)).toEqual(['receiverStopped', 'receiverStarted']);
    expect(receiverEvents.at(-2)!.info).toMatchObject({
      active: false,
      lastErrorMessage: 'Restarting receiver with delay 100 ms: restarting',
    });

    // Verify that stopping actually stops the receiver, for good
    receiver.stop('test');
    expect(receiver.isStopped()).toBe(true);
    await clock.advance(1000);
    expect(receiver.onStopCalled).toBe(2);
    expect(receiver.receiving).toBe(false);
    expect(receiver.onStartCalled).toBe(2);
    expect(receiverEvents.at(-1)).toEqual({
      type: 'receiverStopped',
      info: { streamId: 0, name: 'FakeReceiver', active: false, lastErrorMessage: 'test' },
    });
    await expect(receiver.store(9)).rejects.toMatchObject({ name: 'ReceiverError', code: 'RECEIVER_STOPPED' });
  });

  it('restart uses receiverRestartDelayMs by default, and a pending restart absorbs a second one', async () => {
    const { ssc, clock } = newContext({ receiverRestartDelayMs: 300 });
    const receiver = new ManualReceiver();
    ssc.receiverStream(receiver).foreachRDD(() => {});
    ssc.start();
    receiver.restart('first');
    receiver.restart('second', undefined, 10);
    await clock.advance(299);
    expect([receiver.starts, receiver.stops]).toEqual([1, 1]);
    await clock.advance(1);
    expect([receiver.starts, receiver.stops]).toEqual([2, 1]);
  });

  it('an error thrown by onStart restarts the receiver after the delay, and reaches listeners and the logger', async () => {
    const { ssc, clock, receiverEvents, logged } = newContext({ receiverRestartDelayMs: 2000 });
    const receiver = new ManualReceiver();
    receiver.failStarts = 2;
    ssc.receiverStream(receiver).foreachRDD(() => {});
    ssc.start();
    await clock.whenIdle();
    expect(receiver.starts).toBe(1);
    expect(receiver.isStopped()).toBe(true);
    expect(receiverEvents.map((e) => e.type)).toEqual(['receiverStarted', 'receiverError', 'receiverStopped']);
    const error = receiverEvents[1]!.info;
    expect(error).toMatchObject({ active: false, lastErrorMessage: 'Error starting receiver 0: cannot connect' });
    expect((error.lastError as Error).message).toBe('cannot connect');
    expect(receiverEvents[2]!.info.lastError).toBe(error.lastError);
    expect(logged.filter((l) => l.message.includes('cannot connect')).length).toBeGreaterThan(0);

    await clock.advance(2000); // fails again
    expect(receiver.starts).toBe(2);
    await clock.advance(2000); // starts
    expect(receiver.starts).toBe(3);
    expect(receiver.isStarted()).toBe(true);
    expect(receiverEvents.map((e) => e.type).filter((t) => t === 'receiverError')).toHaveLength(2);
  });

  it('a rejected promise from an async onStart counts as a failed start', async () => {
    const { ssc, clock, receiverEvents } = newContext({ receiverRestartDelayMs: 100 });
    let starts = 0;
    class AsyncStart extends Receiver<number> {
      onStart(): void {
        starts++;
        if (starts === 1) return Promise.reject(new Error('late failure')) as unknown as void;
      }
      onStop(): void {}
    }
    ssc.receiverStream(new AsyncStart()).foreachRDD(() => {});
    ssc.start();
    await clock.whenIdle();
    expect(receiverEvents.map((e) => e.type)).toEqual(['receiverStarted', 'receiverError', 'receiverStopped']);
    await clock.advance(100);
    expect(starts).toBe(2);
  });

  it('an error thrown by onStop is logged and reported; the receiver still stops', async () => {
    const { ssc, receiverEvents, logged } = newContext();
    class FailingStop extends Receiver<number> {
      onStart(): void {}
      async onStop(): Promise<void> {
        throw new Error('cannot close');
      }
    }
    const receiver = new FailingStop();
    ssc.receiverStream(receiver).foreachRDD(() => {});
    ssc.start();
    await ssc.stop();
    expect(receiverEvents.map((e) => e.type)).toEqual(['receiverStarted', 'receiverError', 'receiverStopped']);
    expect((receiverEvents[1]!.info.lastError as Error).message).toBe('cannot close');
    expect(logged.some((l) => l.level === 'error' && l.message.includes('cannot close'))).toBe(true);
    expect(receiver.isStopped()).toBe(true);
  });

  it('stopping the context awaits an async onStop', async () => {
    const { ssc } = newContext();
    const order: string[] = [];
    class SlowStop extends Receiver<number> {
      onStart(): void {}
      async onStop(): Promise<void> {
        for (let i = 0; i < 50; i++) await undefined;
        order.push('onStop done');
      }
    }
    ssc.receiverStream(new SlowStop()).foreachRDD(() => {});
    ssc.start();
    await ssc.stop();
    order.push('stop resolved');
    expect(order).toEqual(['onStop done', 'stop resolved']);
  });

  it('stopping the context waits receiverStopTimeoutMs for an onStop that never settles, then goes on and warns', async () => {
    const { ssc, clock, logged } = newContext({ receiverStopTimeoutMs: 5000 });
    class HangingStop extends Receiver<number> {
      onStart(): void {}
      onStop(): Promise<void> {
        return new Promise(() => {});
      }
    }
    ssc.receiverStream(new HangingStop()).foreachRDD(() => {});
    ssc.start();
    let isStopped = false;
    const stopping = ssc.stop().then(() => (isStopped = true));
    await clock.advance(4999);
    expect(isStopped).toBe(false);
    await clock.advance(1);
    await stopping;
    expect(ssc.getState()).toBe('STOPPED');
    const warning = logged.find((l) => l.level === 'warn' && l.message.includes('did not stop within 5000 ms'));
    expect(warning?.message).toMatch(/streams 0 .*Make onStop\(\) settle.*receiverStopTimeoutMs/);
  });

  it('a receiver that stops in time leaves no warning, and a bad receiverStopTimeoutMs is refused', async () => {
    const { ssc, logged } = newContext();
    ssc.receiverStream(new ManualReceiver()).foreachRDD(() => {});
    ssc.start();
    await ssc.stop();
    expect(logged.filter((l) => l.level === 'warn')).toEqual([]);
    expect(() => new StreamingContext({ batchDuration: Seconds(1), receiverStopTimeoutMs: -1 })).toThrow(/receiverStopTimeoutMs -1 .*use e\.g\. 10000/);
  });

  it('a receiver used before it is started, or by two streams, fails clearly', async () => {
    const { ssc } = newContext();
    const receiver = new ManualReceiver();
    expect(receiver.streamId).toBe(-1);
    await expect(receiver.store(1)).rejects.toMatchObject({ name: 'ReceiverError', code: 'RECEIVER_NOT_STARTED' });
    expect(() => receiver.restart('x')).toThrow(ReceiverError);
    expect(() => receiver.reportError('x', new Error('x'))).toThrow(/before the receiver was started/);
    ssc.receiverStream(receiver);
    expect(receiver.streamId).toBe(0);
    expect(() => ssc.receiverStream(receiver)).toThrow(expect.objectContaining({ code: 'RECEIVER_IN_USE' }));
  });

  it('invalid receiver options fail when the context is created', () => {
    const create = (options: ReceiverOptions) => () =>
      new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), ...options });
    expect(create({ blockIntervalMs: 0 })).toThrow(ValidationError);
    expect(create({ blockIntervalMs: 2.5 })).toThrow(/blockIntervalMs 2.5 is not a positive whole number/);
    expect(create({ receiverRestartDelayMs: -1 })).toThrow(/receiverRestartDelayMs -1/);
    expect(create({ receiverMaxRate: Number.NaN })).toThrow(/receiverMaxRate is NaN/);
    expect(create({ backpressure: true, backpressurePid: { minRate: 0 } })).not.toThrow(); // checked when the stream is created
    const ssc = create({ backpressure: true, backpressurePid: { minRate: 0 } })();
    expect(() => ssc.receiverStream(new ManualReceiver())).toThrow(/minimum rate 0 should be > 0/);
  });
});

describe('ReceiverInputDStream', () => {
  it('blocks cut every blockInterval become the partitions of the batch RDD', async () => {
    const { ssc, clock, batches } = newContext({ blockIntervalMs: 200 });
    const receiver = new ManualReceiver();
    const out = collectPartitions(ssc.receiverStream(receiver));
    ssc.start();
    await receiver.store(1); // block [0, 200)
    await clock.setTime(300);
    await receiver.store([2, 3]); // block [200, 400)
    await receiver.store(4);
    await clock.setTime(700);
    await receiver.store(5); // block [600, 800)
    await clock.setTime(900);
    await receiver.store(6); // cut at 1000, after batch 1000 took its blocks: goes to batch 2000
    await clock.setTime(1000);
    await clock.setTime(2000); // nothing stored since 1000
    await clock.setTime(3000);
    expect(out).toEqual([[[1], [2, 3, 4], [5]], [[6]], []]);
    expect(batches.map((b) => b.numRecords)).toEqual([5, 1, 0]);
    expect(batches.map((b) => b.streamIdToInputInfo.get(0)?.numRecords)).toEqual([5, 1, 0]);
  });

  it('each batch is a BlockRDD with one partition per block, named after the blocks', async () => {
    const { ssc, clock } = newContext({ blockIntervalMs: 250 });
    const receiver = new ManualReceiver();
    const rdds: { debug: string; partitions: number; blockIds: string[] }[] = [];
    ssc.receiverStream(receiver).foreachRDD((rdd) => {
      const { blockIds } = rdd as unknown as { blockIds: string[] };
      rdds.push({ debug: rdd.toDebugString(), partitions: rdd.getNumPartitions(), blockIds });
    });
    ssc.start();
    for (let t = 0; t < 1000; t += 250) {
      await receiver.store(t);
      await clock.setTime(t + 250);
    }
    expect(rdds[0]!.partitions).toBe(3); // blocks cut at 250, 500, 750; the one at 1000 goes to the next batch
    expect(rdds[0]!.blockIds).toEqual(['input-0-0', 'input-0-250', 'input-0-500']);
    expect(rdds[0]!.debug).toMatch(/^\(3\) BlockRDD\[\d+\] at receiverStream/);
  });

  it('records from several receivers stay in their own streams', async () => {
    const { ssc, clock, batches } = newContext();
    const a = new ManualReceiver();
    const b = new ManualReceiver();
    const outA = collectPartitions(ssc.receiverStream(a));
    const outB = collectPartitions(ssc.receiverStream(b).map((x) => x * 10));
    ssc.start();
    await a.store([1, 2]);
    await b.store([3]);
    await clock.advance(1000);
    expect(outA.map((batch) => batch.flat())).toEqual([[1, 2]]);
    expect(outB.map((batch) => batch.flat())).toEqual([[30]]);
    expect(batches[0]!.numRecords).toBe(3);
  });

  it('a windowed receiver stream sees the blocks of every batch in its window', async () => {
    const { ssc, clock } = newContext();
    const receiver = new ManualReceiver();
    const out: number[][] = [];
    ssc
      .receiverStream(receiver)
      .window(Seconds(2))
      .foreachRDD(async (rdd) => {
        out.push(await rdd.collect());
      });
    ssc.start();
    for (let i = 1; i <= 4; i++) {
      await receiver.store(i);
      await clock.advance(1000);
    }
    expect(out).toEqual([[1], [1, 2], [2, 3], [3, 4]]);
  });

  it('cleans up the blocks of old batches once no stream remembers them', async () => {
    const { ssc, clock } = newContext();
    const receiver = new ManualReceiver();
    ssc.receiverStream(receiver).foreachRDD(() => {});
    ssc.start();
    for (let i = 0; i < 20; i++) {
      await receiver.store([i, i]);
      await clock.advance(1000);
    }
    const tracker = ssc.receiverTracker.receivedBlockTracker;
    expect(tracker.allocatedBatchCount).toBeLessThanOrEqual(2);
    expect(tracker.getBlocksOfBatchAndStream(new Time(20000), 0)).toHaveLength(1);
  });
});

describe('ReceiverTracker', () => {
  it('graceful stop: stops the receivers first, then runs a last batch with what they received, without the clock moving', async () => {
    const { ssc, clock, receiverEvents, batches } = newContext();
    const order: string[] = [];
    class Recording extends Receiver<number> {
      onStart(): void {}
      onStop(): void {
        order.push('receiver stopped');
      }
    }
    const receiver = new Recording();
    const out: number[][] = [];
    ssc.receiverStream(receiver).foreachRDD(async (rdd, time) => {
      const records = await rdd.collect();
      order.push(`batch ${time.milliseconds}`);
      out.push(records);
    });
    ssc.start();
    await receiver.store([1, 2]);
    await clock.advance(1000);
    await receiver.store([3, 4]); // buffered, no block cut yet
    await clock.advance(100);
    await ssc.stop({ stopGracefully: true });
    expect(clock.getTimeMillis()).toBe(1100);
    expect(out).toEqual([[1, 2], [3, 4]]);
    expect(order).toEqual(['batch 1000', 'receiver stopped', 'batch 2000']);
    expect(batches.map((b) => [b.batchTime.milliseconds, b.numRecords])).toEqual([
      [1000, 2],
      [2000, 2],
    ]);
    expect(receiverEvents.at(-1)!.info.lastErrorMessage).toBe('Stopped gracefully by the streaming context');
  });

  it('graceful stop before the first batch runs the first batch with what was received', async () => {
    const { ssc, clock } = newContext();
    const receiver = new ManualReceiver();
    const out = collectPartitions(ssc.receiverStream(receiver));
    ssc.start();
    await receiver.store([1, 2, 3]);
    await ssc.stop({ stopGracefully: true });
    expect(out).toEqual([[[1, 2, 3]]]);
    expect(clock.getTimeMillis()).toBe(0);
  });

  it('graceful stop with nothing left to process adds no batch', async () => {
    const { ssc, clock, batches } = newContext();
    const receiver = new ManualReceiver();
    ssc.receiverStream(receiver).foreachRDD(() => {});
    ssc.start();
    await receiver.store(1);
    await clock.advance(1000);
    await ssc.stop({ stopGracefully: true });
    expect(batches.map((b) => b.batchTime.milliseconds)).toEqual([1000]);
  });

  it('a stop that is not graceful does not process the last blocks', async () => {
    const { ssc, clock } = newContext();
    const receiver = new ManualReceiver();
    const out = collectPartitions(ssc.receiverStream(receiver));
    ssc.start();
    await receiver.store(1);
    await clock.advance(1000);
    await receiver.store(2);
    await ssc.stop();
    expect(out).toEqual([[[1]]]);
    expect(receiver.stops).toBe(1);
  });

  it('releases receiver timers, restart delays and rate-limiter waits on stop', async () => {
    const { ssc, clock } = newContext({ receiverMaxRate: 10, receiverRestartDelayMs: 5000 });
    const paced = new FakeReceiver(clock, true); // stores as fast as the rate limit lets it
    const restarting = new ManualReceiver();
    const idle = new ManualReceiver();
    ssc.receiverStream(paced).foreachRDD(() => {});
    ssc.receiverStream(restarting).foreachRDD(() => {});
    ssc.receiverStream(idle).foreachRDD(() => {});
    ssc.start();
    await clock.advance(1500);
    restarting.restart('waiting for a server'); // now waits 5 s on the clock
    const pendingStore = idle.store([1, 2, 3]).then(() => idle.store(4)); // the second store waits for its slot
    await clock.whenIdle();
    expect(clock.waiterCount).toBeGreaterThan(4);
    await ssc.stop();
    await pendingStore;
    await paced.loop;
    expect(clock.waiterCount).toBe(0);
    expect(restarting.starts).toBe(1);
  });

  it('store() while the receiver is over its rate limit waits on the clock, and stopping admits it', async () => {
    const { ssc, clock } = newContext({ receiverMaxRate: 2 });
    const receiver = new ManualReceiver();
    const out = collectPartitions(ssc.receiverStream(receiver));
    ssc.start();
    await receiver.store(1);
    let secondStored = false;
    const second = receiver.store(2).then(() => (secondStored = true));
    await clock.advance(499);
    expect(secondStored).toBe(false);
    await clock.advance(1);
    expect(secondStored).toBe(true);
    const third = receiver.store(3); // slot at 1000
    await ssc.stop({ stopGracefully: true });
    await Promise.all([second, third]);
    expect(out.flat(2)).toEqual([1, 2, 3]);
  });

  it('backpressureInitialRate bounds receivers only when backpressure is on', () => {
    for (const backpressure of [false, true]) {
      const { ssc } = newContext({ backpressure, backpressureInitialRate: 50, receiverMaxRate: 80 });
      ssc.receiverStream(new ManualReceiver()).foreachRDD(() => {});
      ssc.start();
      expect(ssc.receiverTracker.getCurrentRateLimit(0)).toBe(backpressure ? 50 : 80);
      void ssc.stop();
    }
  });
});
