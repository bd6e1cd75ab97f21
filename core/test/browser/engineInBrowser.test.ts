/** The engine runs unchanged in a browser: the same word count as in Node, inside Chromium. */
import { describe, expect, it } from 'vitest';
import { RDDContext } from '../../src/index.ts';

describe('engine in the browser', () => {
  it('runs a word count in Chromium', async () => {
    expect(typeof window).toBe('object'); // really in the browser, not in Node

    const sc = new RDDContext({ master: 'local[2]' });
    const counts = await sc
      .parallelize(['a b', 'b'], 2)
      .flatMap((line) => line.split(' '))
      .map((word): [string, number] => [word, 1])
      .reduceByKey((a, b) => a + b)
      .collect();

    expect(counts.sort()).toEqual([['a', 1], ['b', 2]]);
  });
});
