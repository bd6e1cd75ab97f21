/**
 * Spark's `RateControllerSuite`, and backpressure end to end.
 *
 * Simulating slow processing deterministically: a batch's processing time is what the context's
 * clock reads between its job's start and end, so the job must *take clock time*. Each job here
 * counts its records and then waits `costMs` per record on the context clock, as if it were busy.
 * A `ManualClock` cannot host that (its `advance()` waits for the jobs it started, which wait for
 * it to advance), so these simulations run on `DiscreteEventClock` (see its file): it wakes every
 * waiter at its own exact time and lets all promise continuations run in between, with no real
 * time. A receiver stores as fast as its rate limiter allows, so the whole system — arrival rate,
 * block cutting, queueing of batches, processing, rate estimation — runs in exact virtual time.
 */
import { describe, expect, it } from 'vitest';
import { Receiver, Seconds, StreamingContext, Time, type BatchInfo, type ReceiverOptions } from '../../../../src/index.js';
import { RateController } from '../../../../src/streaming/scheduler/RateController.js';
import type { RateEstimator } from '../../../../src/streaming/scheduler/rate/RateEstimator.js';
import { DiscreteEventClock } from './DiscreteEventClock.js';

// ---- Fixtures ----

/** Spark's `ConstantEstimator`: always estimates `rate`. */
class ConstantEstimator implements RateEstimator {
  constructor(public rate: number) {}
  compute(): number | undefined {
    return this.rate;
  }
}

class RecordingRateController extends RateController {
  readonly published: number[] = [];
  protected publish(rate: number): void {
    this.published.push(rate);
  }
}

function batchInfo(streamId: number, numRecords: number, overrides: Partial<BatchInfo> = {}): BatchInfo {
  return {
    batchTime: new Time(1000),
    streamIdToInputInfo: new Map([[streamId, { inputStreamId: streamId, numRecords }]]),
    submissionTime: 1000,
    processingStartTime: 1000,
    processingEndTime: 1500,
    outputOperationInfos: new Map(),
    numRecords,
    schedulingDelay: 0,
    processingDelay: 500,
    totalDelay: 500,
    ...overrides,
  };
}

/** Stores a counter as fast as the rate limiter lets it. */
class FastReceiver extends Receiver<number> {
  next = 0;
  loop: Promise<void> | undefined;
  onStart(): void {
    this.loop = this.run();
  }
  onStop(): void {}
  private async run(): Promise<void> {
    try {
      // The cap only guards against a test without any rate limit spinning forever.
      while (!this.isStopped() && this.next < 1_000_000) await this.store(this.next++);
    } catch {
      // RECEIVER_STOPPED: the context stopped the receiver between two stores.
    }
  }
}

interface Simulation {
  batches: BatchInfo[];
  rates: { streamId: number; rate: number; time: number }[];
  limitsSeen: (number | undefined)[];
  /** How many records the receiver stored in all. */
  stored: number;
  waiterCountAfterStop: number;
}

/**
 * Runs a receiver stream whose processing costs `costMs` per record, for `seconds` of virtual
 * time with 1 s batches, then stops gracefully, advancing the clock until the queued batches
 * (which take virtual time) are processed.
 */
async function simulate(options: ReceiverOptions, costMs: number, seconds: number): Promise<Simulation> {
  const clock = new DiscreteEventClock();
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, ...options });
  const sim: Simulation = { batches: [], rates: [], limitsSeen: [], stored: 0, waiterCountAfterStop: -1 };
  ssc.addStreamingListener({
    onBatchCompleted: (e) => void sim.batches.push(e.batchInfo),
    onRateUpdated: (e) => {
      sim.rates.push({ streamId: e.streamId, rate: e.rate, time: e.time });
      sim.limitsSeen.push(ssc.receiverTracker.getCurrentRateLimit(e.streamId));
    },
  });
  const receiver = new FastReceiver();
  ssc.receiverStream(receiver).foreachRDD(async (rdd) => {
    const n = await rdd.count();
    await clock.waitTillTime(clock.getTimeMillis() + n * costMs); // busy for n × costMs
  });
  ssc.start();
  await clock.advanceTo(seconds * 1000);
  let stopped = false;
  const stopping = ssc.stop({ stopGracefully: true }).then(() => (stopped = true));
  while (!stopped) await clock.advance(1000);
  await stopping;
  await receiver.loop;
  sim.stored = receiver.next;
  sim.waiterCountAfterStop = clock.waiterCount;
  return sim;
}

const last = <T>(items: T[], n: number): T[] => items.slice(items.length - n);

// ---- Tests ----

describe('RateController', () => {
  it('publishes the estimate of each completed batch, as a whole number', () => {
    const controller = new RecordingRateController(3, new ConstantEstimator(123.9));
    expect(controller.getLatestRate()).toBe(-1);
    controller.onBatchCompleted({ type: 'batchCompleted', batchInfo: batchInfo(3, 10) });
    expect(controller.published).toEqual([123]);
    expect(controller.getLatestRate()).toBe(123);
  });

  it('ignores batches without this stream, or not completed', () => {
    const estimator = new ConstantEstimator(100);
    const controller = new RecordingRateController(3, estimator);
    controller.onBatchCompleted({ type: 'batchCompleted', batchInfo: batchInfo(4, 10) });
    controller.onBatchCompleted({ type: 'batchCompleted', batchInfo: batchInfo(3, 10, { processingEndTime: undefined }) });
    controller.onBatchCompleted({ type: 'batchCompleted', batchInfo: batchInfo(3, 10, { processingDelay: undefined }) });
    controller.onBatchCompleted({ type: 'batchCompleted', batchInfo: batchInfo(3, 10, { schedulingDelay: undefined }) });
    expect(controller.published).toEqual([]);
  });

  it('passes processing end, records, processing delay and scheduling delay to the estimator', () => {
    const calls: number[][] = [];
    const controller = new RecordingRateController(0, {
      compute: (...args: number[]) => {
        calls.push(args);
        return undefined;
      },
    });
    controller.onBatchCompleted({
      type: 'batchCompleted',
      batchInfo: batchInfo(0, 42, { processingEndTime: 2700, processingDelay: 600, schedulingDelay: 100 }),
    });
    expect(calls).toEqual([[2700, 42, 600, 100]]);
    expect(controller.published).toEqual([]); // no estimate, nothing published
  });

  it('rate controller publishes updates after batches complete', async () => {
    const sim = await simulate({ backpressure: true, backpressureInitialRate: 400 }, 5, 5);
    expect(sim.rates.length).toBeGreaterThan(0);
    // The first batch only initializes the estimator; the first estimate follows the second batch.
    expect(sim.rates[0]!.time).toBe(sim.batches[1]!.processingEndTime);
    expect(sim.rates.every((r) => r.streamId === 0 && Number.isInteger(r.rate))).toBe(true);
  });

  it('ReceiverRateController - published rates reach receivers', async () => {
    const sim = await simulate({ backpressure: true, backpressureInitialRate: 400 }, 5, 30);
    expect(sim.limitsSeen).toEqual(sim.rates.map((r) => r.rate));
  });
});

describe('Backpressure', () => {
  it('with backpressure, the rate converges to the processing rate and the scheduling delay stays bounded', async () => {
    // Processing costs 5 ms per record: at most 200 records/s. The source starts at 400 records/s.
    const sim = await simulate({ backpressure: true, backpressureInitialRate: 400 }, 5, 60);
    // The graceful stop's last, partial batch (generated at once, so it waits for the one before
    // it) and the estimate it leads to say nothing about the steady state: leave them out.
    const batches = sim.batches.slice(0, -1);
    const rates = sim.rates.slice(0, -1).map((r) => r.rate);
    expect(batches.at(-1)!.batchTime.milliseconds).toBe(60_000);
    // The first estimates cut the rate (below capacity, to drain the backlog), then it climbs back.
    expect(Math.min(...rates)).toBeLessThan(200);
    for (const rate of last(rates, 20)) expect(Math.abs(rate - 200)).toBeLessThanOrEqual(10);
    // The delay built up by the initial overload is bounded, then drained.
    const delays = batches.map((b) => b.schedulingDelay!);
    expect(Math.max(...delays)).toBeLessThan(5000);
    for (const b of last(batches, 20)) {
      expect(b.schedulingDelay).toBe(0);
      expect(b.processingDelay).toBeLessThanOrEqual(1000);
    }
    // Paced, never dropped: the batches hold every record the receiver stored.
    expect(sim.batches.reduce((sum, b) => sum + b.numRecords, 0)).toBe(sim.stored);
  });

  it('without backpressure, a max rate above the processing rate keeps the rate bounded but the delay grows', async () => {
    const sim = await simulate({ receiverMaxRate: 400 }, 5, 20);
    expect(sim.rates).toEqual([]);
    for (const b of sim.batches) expect(b.numRecords).toBeLessThanOrEqual(400);
    const delays = sim.batches.map((b) => b.schedulingDelay!);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
  });

  it('without backpressure and with a max rate set, the rate never exceeds the limit', async () => {
    const sim = await simulate({ receiverMaxRate: 300 }, 0, 20);
    // 20 batches, plus the graceful stop's last one with the records of [19.8 s, 20 s].
    expect(sim.batches).toHaveLength(21);
    for (const b of sim.batches) expect(b.numRecords).toBeLessThanOrEqual(300);
    // From the second batch on, exactly a second's worth per batch; nothing dropped.
    expect(sim.batches.slice(1, 20).map((b) => b.numRecords)).toEqual(Array(19).fill(300));
    // At most 300/s: the slots at 0, 3.3, ..., 20 000 ms, plus the store that was waiting for its
    // slot when the receiver stopped (admitted, not dropped).
    expect(sim.stored).toBeLessThanOrEqual(300 * 20 + 2);
    expect(sim.batches.reduce((sum, b) => sum + b.numRecords, 0)).toBe(sim.stored);
  });

  it('backpressure never sets a rate above receiverMaxRate', async () => {
    const sim = await simulate({ backpressure: true, backpressureInitialRate: 1000, receiverMaxRate: 150 }, 5, 20);
    for (const b of sim.batches) expect(b.numRecords).toBeLessThanOrEqual(150);
    for (const limit of sim.limitsSeen) expect(limit).toBeLessThanOrEqual(150);
  });

  it('releases every clock waiter on stop', async () => {
    const sim = await simulate({ backpressure: true, backpressureInitialRate: 400 }, 5, 5);
    expect(sim.waiterCountAfterStop).toBe(0);
  });
});
