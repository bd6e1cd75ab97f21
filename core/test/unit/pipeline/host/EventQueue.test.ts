import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../src/pipeline/host/EngineEvent.ts';
import { EventQueue } from '../../../../src/pipeline/host/EventQueue.ts';
import { FakeTimer } from './FakeTimer.ts';

const limits = { minDeliveryIntervalMs: 100, maxPendingBatches: 2, maxPendingLogs: 3 };

/** The events a completed batch sends. */
function batchEvents(batchTimeMs: number): EngineEvent[] {
  const batchInfo = { batchTimeMs, submissionTime: batchTimeMs, numRecords: 1, inputs: [], outputOperations: [] };
  return [
    { type: 'batchStarted', batchInfo },
    { type: 'linesPrinted', batchTimeMs, lines: [`Time: ${batchTimeMs} ms`] },
    { type: 'batchCompleted', batchInfo },
  ];
}

function failure(batchTimeMs: number): EngineEvent {
  return { type: 'errorReported', source: 'outputOperation', batchTimeMs, error: { name: 'Error', message: `boom ${batchTimeMs}` } };
}

/** A subscriber that holds each delivery until released, like a busy page. */
function slowSubscriber() {
  const chunks: EngineEvent[][] = [];
  const releases: (() => void)[] = [];
  const deliver = (events: EngineEvent[]) =>
    new Promise<void>((resolve) => {
      chunks.push(events);
      releases.push(resolve);
    });
  return { chunks, deliver, release: () => releases.shift()?.() };
}

describe('EventQueue', () => {
  it('delivers events in chunks at most every minDeliveryIntervalMs', async () => {
    const timer = new FakeTimer();
    const chunks: EngineEvent[][] = [];
    const queue = new EventQueue(async (events) => void chunks.push(events), timer, limits);
    for (const e of batchEvents(1000)) queue.push(e);
    await timer.advance(0);
    expect(chunks).toHaveLength(1);
    for (const e of batchEvents(2000)) queue.push(e);
    await timer.advance(50);
    expect(chunks).toHaveLength(1); // too soon after the first
    await timer.advance(50);
    expect(chunks.map((c) => c.length)).toEqual([3, 3]);
  });

  it('bounds a flood: drops the oldest batches, keeps every error, and says what it dropped', async () => {
    const timer = new FakeTimer();
    const page = slowSubscriber();
    const queue = new EventQueue(page.deliver, timer, limits);
    for (const e of batchEvents(1000)) queue.push(e);
    await timer.advance(0); // batch 1000 is on its way; the page is busy with it
    for (let t = 2000; t <= 101_000; t += 1000) {
      for (const e of batchEvents(t)) queue.push(e);
      if (t % 10_000 === 0) queue.push(failure(t));
    }
    expect(queue.size).toBeLessThanOrEqual(limits.maxPendingBatches * 3 + 10);
    await timer.advance(10_000);
    expect(page.chunks).toHaveLength(1); // nothing more until the page has taken the first chunk
    page.release();
    await timer.advance(100);
    expect(page.chunks).toHaveLength(2);
    const second = page.chunks[1]!;
    expect(second[0]).toEqual({ type: 'eventsDropped', batches: 98, firstBatchTimeMs: 2000, lastBatchTimeMs: 99_000, logs: 0 });
    const errors = second.filter((e) => e.type === 'errorReported').map((e) => e.batchTimeMs);
    expect(errors).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000, 100_000]);
    const completed = second.flatMap((e) => (e.type === 'batchCompleted' ? [e.batchInfo.batchTimeMs] : []));
    expect(completed).toEqual([100_000, 101_000]);
  });

  it('keeps only the latest rate per stream and a bounded number of log lines', async () => {
    const timer = new FakeTimer();
    const chunks: EngineEvent[][] = [];
    const queue = new EventQueue(async (events) => void chunks.push(events), timer, limits);
    for (let i = 0; i < 5; i++) {
      queue.push({ type: 'rateUpdated', streamId: 0, rate: i, time: i });
      queue.push({ type: 'rateUpdated', streamId: 1, rate: 10 + i, time: i });
      queue.push({ type: 'logged', level: 'warn', message: `w${i}` });
    }
    await queue.flush();
    const [chunk] = chunks;
    expect(chunk![0]).toEqual({ type: 'eventsDropped', batches: 0, logs: 2 });
    expect(chunk!.filter((e) => e.type === 'rateUpdated').map((e) => e.rate)).toEqual([4, 14]);
    expect(chunk!.filter((e) => e.type === 'logged')).toHaveLength(3);
  });

  it('flush delivers at once, after the delivery in flight', async () => {
    const timer = new FakeTimer();
    const page = slowSubscriber();
    const queue = new EventQueue(page.deliver, timer, limits);
    queue.push(failure(1000));
    await timer.advance(0);
    queue.push(failure(2000));
    const flushed = queue.flush();
    page.release();
    await timer.advance(0);
    expect(page.chunks).toHaveLength(2);
    page.release();
    await flushed;
    expect(timer.pending).toBe(0);
  });

  it('releases its timer on clear', async () => {
    const timer = new FakeTimer();
    const queue = new EventQueue(async () => {}, timer, limits);
    queue.push(failure(1000));
    await timer.advance(0);
    queue.push(failure(2000));
    expect(timer.pending).toBe(1);
    queue.clear();
    expect(timer.pending).toBe(0);
    expect(queue.size).toBe(0);
  });
});
