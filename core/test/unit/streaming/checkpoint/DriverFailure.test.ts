/**
 * The driver-failure table of Spark's programming guide ("Fault-tolerance semantics"): a file
 * stream gets a file of 10, 20, … 100 lines at times 1 … 10 and counts the lines of each batch; the
 * program dies after time 3 and is recovered at time 7 from its checkpoint directory. Without the
 * failure the outputs are 10 … 100; with it, 10, 20, 30, then 40, 50, 60, 70 all at the recovery,
 * then 80, 90, 100 — every file counted once, in the batch of its modification time.
 *
 *   time        1   2   3   4   5   6   7          8   9   10
 *   file lines  10  20  30  40  50  60  70         80  90  100
 *   output      10  20  30  (down)       40 50 60 70 80  90  100
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext } from '../../../../src/node.js';
import { silentLogger } from './checkpointTester.js';

let root = '';
let watched = '';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rivulet-driver-failure-'));
  watched = join(root, 'in');
  mkdirSync(watched);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes file `i` with 10 × i lines, modified half a batch before time i. */
function writeInputFile(i: number): void {
  const path = join(watched, `file-${i}`);
  writeFileSync(path, Array.from({ length: 10 * i }, (_, n) => `line ${n}`).join('\n') + '\n');
  const mtime = (i * 1000 - 500) / 1000;
  utimesSync(path, mtime, mtime);
}

describe('DriverFailure', () => {
  it('the guide table: dies after time 3, recovers at time 7, every file counted once', async () => {
    const checkpointDir = join(root, 'checkpoint');
    const outputs: [number, number][] = [];
    const factory = (clock: ManualClock) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
      ssc.checkpoint(checkpointDir);
      ssc
        .textFileStream(watched)
        .count()
        .foreachRDD(async (rdd, time) => void outputs.push([time.milliseconds / 1000, (await rdd.collect())[0]!]));
      return ssc;
    };

    const clock = new ManualClock(0);
    const first = await StreamingContext.getOrCreate(checkpointDir, factory(clock));
    first.start();
    for (let i = 1; i <= 3; i++) {
      writeInputFile(i);
      await clock.advance(1000);
    }
    await first.stop(); // the driver fails after time 3
    expect(outputs).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);

    for (let i = 4; i <= 7; i++) writeInputFile(i); // written while the driver is down

    const restarted = new ManualClock(7000);
    const second = await StreamingContext.getOrCreate(checkpointDir, factory(restarted));
    second.start(); // recovers at time 7
    await restarted.advance(0);
    expect(outputs.slice(3)).toEqual([
      [4, 40],
      [5, 50],
      [6, 60],
      [7, 70],
    ]);
    for (let i = 8; i <= 10; i++) {
      writeInputFile(i);
      await restarted.advance(1000);
    }
    await second.stop();
    expect(outputs.slice(7)).toEqual([
      [8, 80],
      [9, 90],
      [10, 100],
    ]);
  });
});
