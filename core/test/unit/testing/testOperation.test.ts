import { describe, expect, it } from 'vitest';
import { Seconds, ValidationError } from '../../../src/index.js';
import { testOperation, testOperation2 } from '../../../src/testing/index.js';

describe('testOperation', () => {
  it('returns one array per output RDD, in collect() order (the README example)', async () => {
    const output = await testOperation({
      input: [['a b', 'b'], ['a']],
      operation: (lines) =>
        lines.flatMap((l) => l.split(' ')).map((w): [string, number] => [w, 1]).reduceByKey((a, b) => a + b, 1),
    });
    expect(output).toEqual([[['a', 1], ['b', 2]], [['a', 1]]]);
  });

  it('splits each input batch into numInputPartitions as Spark slices', async () => {
    const output = await testOperation({
      input: [[1, 2, 3, 4, 5]],
      numInputPartitions: 3,
      operation: (s) => s.glom(),
    });
    expect(output).toEqual([[[1], [2, 3], [4, 5]]]);
  });

  it('runs numBatches batches, empty past the input', async () => {
    const output = await testOperation({ input: [[1]], numBatches: 3, operation: (s) => s.count() });
    expect(output).toEqual([[1], [0], [0]]);
  });

  it('gives a stream that slides every k batches one entry per k batches', async () => {
    const output = await testOperation({
      input: [[1], [2], [3], [4]],
      batchDuration: Seconds(1),
      operation: (s) => s.window(Seconds(2), Seconds(2)),
    });
    expect(output.map((batch) => [...batch].sort())).toEqual([[1, 2], [3, 4]]);
  });

  it('rejects with the error of a failed batch', async () => {
    await expect(
      testOperation({
        input: [[1], [2]],
        operation: (s) =>
          s.map((x) => {
            if (x === 2) throw new Error('bad record 2');
            return x;
          }),
      }),
    ).rejects.toThrow('bad record 2');
  });

  it('rejects graph mistakes at start', async () => {
    await expect(
      testOperation({ input: [[1]], operation: (s) => s.window(Seconds(2.5)) }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('testOperation2', () => {
  it('feeds two input streams batch by batch', async () => {
    const output = await testOperation2({
      input1: [[['a', 1]], [['b', 2]]] as [string, number][][],
      input2: [[['a', 'x']], [['c', 'y']]] as [string, string][][],
      operation: (left, right) => left.join(right, 1),
    });
    expect(output).toEqual([[['a', [1, 'x']]], []]);
  });
});
