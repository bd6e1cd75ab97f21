/**
 * Spark's `StreamingListenerSuite`: the batch and output-operation events, in order, with their
 * `BatchInfo`. Under a `ManualClock` every time is exact, so the infos are checked whole.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ManualClock,
  Seconds,
  StreamingContext,
  TaskFailedError,
  type BatchInfo,
  type DStream,
  type Logger,
  type OutputOperationInfo,
  type StreamingListener,
  type StreamingListenerEvent,
} from '../../../src/index.js';
import { TestInputStream } from '../../../src/testing/index.js';

const input = [[1], [2], [3], [4]];

let ssc: StreamingContext | undefined;
let clock: ManualClock;
let logged: { level: string; message: string }[];

function newContext(printLine?: (line: string) => void): StreamingContext {
  clock = new ManualClock();
  logged = [];
  const at = (level: string) => (message: string) => void logged.push({ level, message });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger, printLine });
  return ssc;
}

/** Records every event, in the order listeners receive them. */
class EventCollector implements StreamingListener {
  readonly events: StreamingListenerEvent[] = [];
  onStreamingStarted = (e: StreamingListenerEvent): void => void this.events.push(e);
  onBatchSubmitted = (e: StreamingListenerEvent): void => void this.events.push(e);
  onBatchStarted = (e: StreamingListenerEvent): void => void this.events.push(e);
  onBatchCompleted = (e: StreamingListenerEvent): void => void this.events.push(e);
  onOutputOperationStarted = (e: StreamingListenerEvent): void => void this.events.push(e);
  onOutputOperationCompleted = (e: StreamingListenerEvent): void => void this.events.push(e);

  batchInfos(type: 'batchSubmitted' | 'batchStarted' | 'batchCompleted'): BatchInfo[] {
    return this.events.flatMap((e) => (e.type === type ? [e.batchInfo] : []));
  }

  outputInfos(type: 'outputOperationStarted' | 'outputOperationCompleted'): OutputOperationInfo[] {
    return this.events.flatMap((e) => (e.type === type ? [e.outputOperationInfo] : []));
  }
}

/** Runs batch i at exactly i s on the clock (jobs that move the clock don't shift later batches). */
async function runBatches(n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await clock.setTime(i * 1000);
}

afterEach(async () => {
  await ssc?.stop();
  ssc = undefined;
});

describe('StreamingListener', () => {
  it('batch info reporting', async () => {
    const s = newContext();
    const collector = new EventCollector();
    s.addStreamingListener(collector);
    new TestInputStream(s, input, 2).map((x) => x).foreachRDD(async (rdd) => {
      await rdd.count();
      // The job takes 100 ms of (virtual) time. Its own work is tracked by the clock, so the
      // advance is not awaited here.
      void clock.advance(100);
    });
    s.start();
    await runBatches(input.length);

    const inputInfo = new Map([[0, { inputStreamId: 0, numRecords: 1 }]]);
    const submitted = collector.batchInfos('batchSubmitted');
    expect(submitted).toHaveLength(4);
    submitted.forEach((info, i) => {
      const t = (i + 1) * 1000;
      expect(info.batchTime.milliseconds).toBe(t);
      expect(info.numRecords).toBe(1);
      expect(info.streamIdToInputInfo).toEqual(inputInfo);
      expect(info.submissionTime).toBe(t);
      expect(info.processingStartTime).toBeUndefined();
      expect(info.processingEndTime).toBeUndefined();
      expect([info.schedulingDelay, info.processingDelay, info.totalDelay]).toEqual([undefined, undefined, undefined]);
    });

    const started = collector.batchInfos('batchStarted');
    expect(started).toHaveLength(4);
    started.forEach((info, i) => {
      const t = (i + 1) * 1000;
      expect(info.numRecords).toBe(1);
      expect(info.submissionTime).toBe(t);
      expect(info.processingStartTime).toBe(t);
      expect(info.processingEndTime).toBeUndefined();
      expect([info.schedulingDelay, info.processingDelay, info.totalDelay]).toEqual([0, undefined, undefined]);
    });

    const completed = collector.batchInfos('batchCompleted');
    expect(completed).toHaveLength(4);
    completed.forEach((info, i) => {
      const t = (i + 1) * 1000;
      expect(info.batchTime.milliseconds).toBe(t);
      expect(info.numRecords).toBe(1);
      expect(info.streamIdToInputInfo).toEqual(inputInfo);
      expect([info.submissionTime, info.processingStartTime, info.processingEndTime]).toEqual([t, t, t + 100]);
      expect([info.schedulingDelay, info.processingDelay, info.totalDelay]).toEqual([0, 100, 100]);
      const op = info.outputOperationInfos.get(0)!;
      expect(op).toMatchObject({ id: 0, name: 'foreachRDD', startTime: t, endTime: t + 100 });
      expect(op.batchTime.milliseconds).toBe(t);
      expect(op.failureReason).toBeUndefined();
    });
  });

  it('output operation reporting', async () => {
    const s = newContext();
    const stream = new TestInputStream(s, input, 2);
    stream.foreachRDD((rdd) => rdd.count().then(() => undefined));
    stream.foreachRDD((rdd) => rdd.collect().then(() => undefined));
    stream.foreachRDD((rdd) => rdd.count().then(() => undefined));
    const collector = new EventCollector();
    s.addStreamingListener(collector);
    s.start();
    await runBatches(2);

    expect(collector.outputInfos('outputOperationStarted').map((o) => o.id)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(collector.outputInfos('outputOperationCompleted').map((o) => o.id)).toEqual([0, 1, 2, 0, 1, 2]);
    // Events of one batch, in order; the whole batch before the next is submitted.
    const batchOne = collector.events.slice(1, 10).map((e) => {
      if ('outputOperationInfo' in e) return `${e.type} ${e.outputOperationInfo.id}`;
      return 'batchInfo' in e ? `${e.type} ${e.batchInfo.batchTime.milliseconds}` : e.type;
    });
    expect(batchOne).toEqual([
      'batchSubmitted 1000',
      'batchStarted 1000',
      'outputOperationStarted 0',
      'outputOperationCompleted 0',
      'outputOperationStarted 1',
      'outputOperationCompleted 1',
      'outputOperationStarted 2',
      'outputOperationCompleted 2',
      'batchCompleted 1000',
    ]);
  });

  it('output operations are named after their operator', async () => {
    const s = newContext(() => {});
    const stream: DStream<number> = new TestInputStream(s, input, 2);
    stream.foreachRDD(() => {});
    stream.print();
    const collector = new EventCollector();
    s.addStreamingListener(collector);
    s.start();
    await runBatches(1);
    expect(collector.outputInfos('outputOperationCompleted').map((o) => [o.id, o.name])).toEqual([
      [0, 'foreachRDD'],
      [1, 'print'],
    ]);
  });

  it('onStreamingStarted', async () => {
    const s = newContext();
    new TestInputStream(s, input, 2).foreachRDD(() => {});
    const collector = new EventCollector();
    s.addStreamingListener(collector);
    await clock.setTime(250);
    s.start();
    expect(collector.events).toEqual([{ type: 'streamingStarted', time: 250 }]);
  });

  /** Spark's `startStreamingContextAndCollectFailureReasons`: the failure reasons of the first batch, by output id. */
  async function failureReasonsOfFirstBatch(s: StreamingContext): Promise<Map<number, string>> {
    let first: BatchInfo | undefined;
    s.addStreamingListener({ onBatchCompleted: ({ batchInfo }) => void (first ??= batchInfo) });
    s.start();
    await runBatches(1);
    const reasons = new Map<number, string>();
    for (const [id, info] of first!.outputOperationInfos) if (info.failureReason !== undefined) reasons.set(id, info.failureReason);
    return reasons;
  }

  it('onBatchCompleted with successful batch', async () => {
    const s = newContext();
    new TestInputStream(s, input, 2).foreachRDD((rdd) => rdd.count().then(() => undefined));
    expect(await failureReasonsOfFirstBatch(s)).toEqual(new Map());
  });

  it('onBatchCompleted with failed batch and one failed job', async () => {
    const s = newContext();
    new TestInputStream(s, input, 2).foreachRDD(() => {
      throw new Error('This is a failed job');
    });
    const reasons = await failureReasonsOfFirstBatch(s);
    expect([...reasons.keys()]).toEqual([0]);
    expect(reasons.get(0)).toContain('This is a failed job');
  });

  it('onBatchCompleted with failed batch and multiple failed jobs', async () => {
    const s = newContext();
    const stream = new TestInputStream(s, input, 2);
    stream.foreachRDD(() => {
      throw new Error('This is a failed job');
    });
    stream.foreachRDD(() => {
      throw new Error('This is another failed job');
    });
    const reasons = await failureReasonsOfFirstBatch(s);
    expect([...reasons.keys()]).toEqual([0, 1]);
    expect(reasons.get(0)).toContain('This is a failed job');
    expect(reasons.get(1)).toContain('This is another failed job');
  });

  it('a failing task is reported with the original error as its cause', async () => {
    const s = newContext();
    const cause = new Error('bad record');
    new TestInputStream(s, input, 2)
      .map((x) => {
        if (x === 1) throw cause;
        return x;
      })
      .foreachRDD((rdd) => rdd.collect().then(() => undefined));
    const collector = new EventCollector();
    s.addStreamingListener(collector);
    s.start();
    await runBatches(1);
    const [op] = collector.outputInfos('outputOperationCompleted');
    expect(op!.error).toBeInstanceOf(TaskFailedError);
    expect((op!.error as TaskFailedError).cause).toBe(cause);
    expect(op!.failureReason).toContain('bad record');
  });

  it('a listener that throws does not stop the stream', async () => {
    const s = newContext();
    const out: number[][] = [];
    new TestInputStream(s, input, 2).foreachRDD(async (rdd) => void out.push(await rdd.collect()));
    s.addStreamingListener({
      onBatchCompleted: () => {
        throw new Error('listener bug');
      },
    });
    const collector = new EventCollector();
    s.addStreamingListener(collector); // listeners after the broken one still hear every event
    s.start();
    await runBatches(4);
    expect(out).toEqual(input);
    expect(collector.batchInfos('batchCompleted')).toHaveLength(4);
    expect(logged.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(
      Array(4).fill('Listener threw on batchCompleted: listener bug'),
    );
    expect(s.getState()).toBe('ACTIVE');
  });

  it('removeStreamingListener', async () => {
    const s = newContext();
    new TestInputStream(s, input, 2).foreachRDD(() => {});
    const collector = new EventCollector();
    s.addStreamingListener(collector);
    s.start();
    await runBatches(1);
    s.removeStreamingListener(collector);
    await clock.setTime(3000);
    expect(collector.batchInfos('batchCompleted').map((b) => b.batchTime.milliseconds)).toEqual([1000]);
  });

  it('StreamingListener receives no events after stopping the context', async () => {
    const s = newContext();
    new TestInputStream(s, input, 2).foreachRDD(() => {});
    const collector = new EventCollector();
    s.addStreamingListener(collector);
    s.start();
    await runBatches(2);
    await s.stop();
    const seen = collector.events.length;
    await clock.advance(10_000);
    expect(collector.events).toHaveLength(seen);
  });

  it('ssc.stop() called in a listener stops the context', async () => {
    // Spark forbids this (its listener bus thread would deadlock); here listeners run on the
    // engine's thread and stop() is asynchronous, so it simply works.
    const s = newContext();
    new TestInputStream(s, input, 2).foreachRDD(() => {});
    const collector = new EventCollector();
    s.addStreamingListener({ onBatchCompleted: () => void s.stop() });
    s.addStreamingListener(collector);
    s.start();
    await runBatches(3);
    await s.awaitTermination();
    expect(s.getState()).toBe('STOPPED');
    expect(collector.batchInfos('batchCompleted').map((b) => b.batchTime.milliseconds)).toEqual([1000]);
  });
});
