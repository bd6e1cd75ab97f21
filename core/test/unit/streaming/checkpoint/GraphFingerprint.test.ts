/** The graph fingerprint a checkpoint is checked against, and how its differences read. */
import { describe, expect, it } from 'vitest';
import { HashPartitioner, ManualClock, Milliseconds, Receiver, Seconds, StreamingContext } from '../../../../src/index.js';
import {
  fingerprintDifferences,
  fingerprintOf,
  type GraphFingerprint,
} from '../../../../src/streaming/checkpoint/GraphFingerprint.js';
import { TestInputStream } from '../../../../src/testing/index.js';
import { silentLogger } from './checkpointTester.js';

function fingerprint(build: (ssc: StreamingContext) => void, batchMs = 1000): GraphFingerprint {
  const ssc = new StreamingContext({ batchDuration: Milliseconds(batchMs), clock: new ManualClock(), logger: silentLogger });
  build(ssc);
  return fingerprintOf(ssc.graph);
}

const wordCount = (windowSeconds: number, partitions = 2) => (ssc: StreamingContext) =>
  new TestInputStream<string>(ssc, [], 2)
    .map((w): [string, number] => [w, 1])
    .reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, Seconds(windowSeconds), Seconds(1), partitions)
    .print();

describe('GraphFingerprint', () => {
  it('records operators, parameters, wiring and outputs, not functions', () => {
    const f = fingerprint(wordCount(30));
    expect(f.batchDurationMs).toBe(1000);
    expect(f.streams.map((s) => s.kind)).toEqual([
      'TestInputStream',
      'MappedDStream',
      'ReducedWindowedDStream',
      'ShuffledDStream',
      'ForEachDStream',
    ]);
    expect(f.streams[2]).toEqual({
      kind: 'ReducedWindowedDStream',
      params: { window: '30000 ms', slide: '1000 ms', partitioner: 'hash(2)', filter: false },
      parents: [3],
    });
    expect(f.outputs).toEqual([4]);
    // The same program with other functions has the same fingerprint.
    const other = fingerprint((ssc) =>
      new TestInputStream<string>(ssc, [], 2)
        .map((w): [string, number] => [w.toUpperCase(), 2])
        .reduceByKeyAndWindow((a, b) => a * b, (a, b) => a / b, Seconds(30), Seconds(1), new HashPartitioner(2))
        .print(),
    );
    expect(fingerprintDifferences(f, other)).toEqual([]);
  });

  it("records a receiver stream's receiver class and the receiver's own parameters", () => {
    class Quiet extends Receiver<string> {
      onStart(): void {}
      onStop(): void {}
    }
    class Topic extends Quiet {
      constructor(readonly topic: string) {
        super();
      }
      override fingerprintParams() {
        return { topic: this.topic };
      }
    }
    const receivers = (topic: string) => (ssc: StreamingContext) => {
      ssc.receiverStream(new Quiet()).print();
      ssc.receiverStream(new Topic(topic)).print();
    };
    const f = fingerprint(receivers('orders'));
    expect(f.streams.filter((s) => s.kind === 'ReceiverInputDStream').map((s) => s.params)).toEqual([
      { receiver: 'Quiet' },
      { topic: 'orders', receiver: 'Topic' },
    ]);
    expect(fingerprintDifferences(f, fingerprint(receivers('refunds')))).toEqual(['stream 2: ReceiverInputDStream topic orders → refunds']);
  });

  it('names each difference, and says how many more past five', () => {
    expect(fingerprintDifferences(fingerprint(wordCount(30)), fingerprint(wordCount(20, 4)))).toEqual([
      'stream 2: ReducedWindowedDStream window 30000 ms → 20000 ms',
      'stream 2: ReducedWindowedDStream partitioner hash(2) → hash(4)',
      'stream 3: ShuffledDStream partitioner hash(2) → hash(4)',
    ]);
    const many = fingerprintDifferences(
      fingerprint(wordCount(30)),
      fingerprint((ssc) => {
        const s = new TestInputStream<string>(ssc, [], 3).filter(() => true).glom();
        s.foreachRDD(() => undefined);
        s.print();
      }, 500),
    );
    expect(many).toHaveLength(6);
    expect(many[0]).toBe('batch interval 1000 ms → 500 ms');
    expect(many[1]).toBe('an output operation was added');
    expect(many[5]).toMatch(/^and \d+ more$/);
  });
});
