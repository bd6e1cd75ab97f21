/** `print(num)`: Spark's exact output, captured through the `printLine` option. */
import { describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext, type DStream } from '../../../src/index.js';
import { TestInputStream } from '../../../src/testing/index.js';

const dashes = '-------------------------------------------';

/** Prints `input` through `operation(stream).print(num)` for each batch; returns the lines. */
async function printed<T, U>(input: T[][], operation: (s: DStream<T>) => DStream<U>, num?: number): Promise<string[]> {
  const lines: string[] = [];
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, printLine: (line) => lines.push(line) });
  operation(new TestInputStream(ssc, input, 2)).print(num);
  ssc.start();
  for (let i = 0; i < input.length; i++) await clock.advance(1000);
  await ssc.stop();
  return lines;
}

describe('print', () => {
  it('prints a banner with the batch time, then the elements, then an empty line', async () => {
    expect(await printed([[1, 2, 3], []], (s) => s)).toEqual([
      dashes,
      'Time: 1000 ms',
      dashes,
      '1',
      '2',
      '3',
      '',
      dashes,
      'Time: 2000 ms',
      dashes,
      '',
    ]);
  });

  it('prints pairs as Scala tuples', async () => {
    const lines = await printed([['a', 'b', 'a']], (s) => s.map((w): [string, number] => [w, 1]).reduceByKey((a, b) => a + b));
    expect(lines.slice(0, 3)).toEqual([dashes, 'Time: 1000 ms', dashes]);
    expect(lines.slice(3, -1).sort()).toEqual(['(a,2)', '(b,1)']);
    expect(lines.at(-1)).toBe('');
  });

  it('prints Scala-like values: None for undefined, nested tuples, strings bare', async () => {
    const lines = await printed<unknown, unknown>([[['k', [1, undefined]], 'plain text', 2.5]], (s) => s);
    expect(lines.slice(3, -1)).toEqual(['(k,(1,None))', 'plain text', '2.5']);
  });

  it('prints the first 10 elements by default, then ...', async () => {
    const lines = await printed([Array.from({ length: 12 }, (_, i) => i)], (s) => s);
    expect(lines).toEqual([dashes, 'Time: 1000 ms', dashes, '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '...', '']);
  });

  it('print(num) prints num elements, and ... only when there are more', async () => {
    expect(await printed([[1, 2, 3]], (s) => s, 2)).toEqual([dashes, 'Time: 1000 ms', dashes, '1', '2', '...', '']);
    expect(await printed([[1, 2, 3]], (s) => s, 3)).toEqual([dashes, 'Time: 1000 ms', dashes, '1', '2', '3', '']);
  });
});
