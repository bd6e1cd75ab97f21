/**
 * Spark's file stream tests (`InputStreamsSuite` "file input stream - newFilesOnly = true/false",
 * and `FileInputDStream`'s selection rules) in a real temp directory: a file belongs to the batch
 * whose interval holds its modification time — set with `utimes`, so the `ManualClock` decides —
 * is read once, hidden files are skipped, old files are skipped with `newFilesOnly`, and the
 * remember window bounds how late a file may appear.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  IllegalStateError,
  ManualClock,
  MemoryCheckpointStore,
  Seconds,
  StreamingContext,
  ValidationError,
  type BatchInfo,
  type Logger,
} from '../../../src/node.js';
import { currentPlatform, registerPlatform, type Platform } from '../../../src/platform/platform.js';
import { collect, silent } from '../../support/receiverEvents.js';

let root = '';
let dir = '';
let current: StreamingContext | undefined;
let restorePlatform: Platform | undefined;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rivulet-files-'));
  dir = join(root, 'watched');
  mkdirSync(dir);
});

afterEach(async () => {
  await current?.stop();
  current = undefined;
  if (restorePlatform) registerPlatform(restorePlatform);
  restorePlatform = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** Writes `content` to `path` and sets its modification time to `mtimeMs`. */
function writeFile(path: string, content: string, mtimeMs: number): void {
  writeFileSync(path, content);
  utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
}

/** A context with 2-second batches on a clock reading `startMs` (Spark's test: 10000 + batch). */
function newContext(startMs = 12_000, logger: Logger = silent) {
  const clock = new ManualClock(startMs);
  const ssc = new StreamingContext({ batchDuration: Seconds(2), clock, logger });
  current = ssc;
  const batches: BatchInfo[] = [];
  ssc.addStreamingListener({ onBatchCompleted: (e) => void batches.push(e.batchInfo) });
  return { ssc, clock, batches };
}

describe('FileInputDStream', () => {
  for (const newFilesOnly of [true, false]) {
    it(`file input stream - newFilesOnly = ${newFilesOnly}`, async () => {
      writeFile(join(dir, '0'), '0\n', 10_000); // exists before the context
      const { ssc, clock } = newContext();
      const out = collect(ssc.fileStream(dir, { filter: () => true, newFilesOnly }).map((pair) => pair[1]));
      ssc.start(); // first batch at 14000
      await clock.advance(1000); // files are created after the start, but before a batch
      for (let i = 1; i <= 5; i++) {
        writeFile(join(dir, String(i)), `${i}\n`, clock.getTimeMillis());
        await clock.advance(2000); // batch i completes
      }
      const expected = newFilesOnly ? [['1'], ['2'], ['3'], ['4'], ['5']] : [['0', '1'], ['2'], ['3'], ['4'], ['5']];
      expect(out).toEqual(expected);
    });
  }

  it('selects a file in the batch whose interval holds its modification time', async () => {
    const { ssc, clock, batches } = newContext();
    const out = collect(ssc.textFileStream(dir));
    ssc.start();
    writeFile(join(dir, 'late'), 'late', 15_500); // belongs to the batch of 16000
    writeFile(join(dir, 'early'), 'early', 13_999); // belongs to the batch of 14000
    await clock.advance(2000); // batch 14000
    await clock.advance(2000); // batch 16000
    await clock.advance(2000); // batch 18000: nothing new
    expect(out).toEqual([['early'], ['late'], []]);
    expect(batches.map((b) => b.numRecords)).toEqual([1, 1, 0]);
    const [info] = batches[0]!.streamIdToInputInfo.values();
    expect(info?.metadata?.files).toEqual([join(dir, 'early')]);
  });

  it('reads each file once, one partition per file, however long it stays', async () => {
    const { ssc, clock } = newContext();
    const stream = ssc.fileStream(dir, { minRememberDuration: Seconds(3) }); // rounded up to 4 s
    const partitions = collect(stream.glom());
    ssc.start();
    writeFile(join(dir, 'a'), 'a1\na2\n', 13_000);
    writeFile(join(dir, 'b'), 'b1', 13_500);
    for (let i = 0; i < 10; i++) await clock.advance(2000);
    expect(partitions[0]).toEqual([[[0, 'a1'], [3, 'a2']], [[0, 'b1']]]);
    expect(partitions.slice(1).flat()).toEqual([]);
  });

  it('ignores hidden files, and files the filter rejects', async () => {
    const { ssc, clock } = newContext();
    const out = collect(ssc.fileStream(dir, { filter: (path) => !path.endsWith('.skip') }).map((pair) => pair[1]));
    ssc.start();
    for (const name of ['.hidden', '_SUCCESS', 'kept', 'other.skip']) writeFile(join(dir, name), name, 13_000);
    mkdirSync(join(dir, 'subdir'));
    await clock.advance(2000);
    expect(out).toEqual([['kept']]);
  });

  it('takes files moved in whole, with their modification time inside the remember window', async () => {
    const staging = join(root, 'staging');
    mkdirSync(staging);
    const { ssc, clock } = newContext();
    const out = collect(ssc.textFileStream(dir));
    ssc.start();
    // Written under a hidden name in the watched directory, then renamed: seen only once whole.
    writeFile(join(dir, '.part-1.tmp'), 'from a hidden temp file', 13_000);
    await clock.advance(2000); // batch 14000: only the hidden file exists
    renameSync(join(dir, '.part-1.tmp'), join(dir, 'part-1'));
    // Written elsewhere and moved in; rename keeps the (older) modification time.
    writeFile(join(staging, 'part-2'), 'from another directory', 14_500);
    renameSync(join(staging, 'part-2'), join(dir, 'part-2'));
    await clock.advance(2000); // batch 16000
    expect(out).toEqual([[], ['from a hidden temp file', 'from another directory']]);
  });

  it('ignores files older than the remember window, even with newFilesOnly = false', async () => {
    const { ssc, clock } = newContext(100_000);
    const out = collect(ssc.fileStream(dir, { newFilesOnly: false }).map((pair) => pair[1]));
    writeFile(join(dir, 'ancient'), 'ancient', 41_000); // ≤ 102000 − 60000 (Spark's ≤)
    writeFile(join(dir, 'recent'), 'recent', 42_001);
    ssc.start();
    await clock.advance(2000); // batch 102000
    expect(out).toEqual([['recent']]);
  });

  it('splits lines at \\n and \\r\\n, with byte offsets, UTF-8 intact', async () => {
    const { ssc, clock } = newContext();
    const out = collect(ssc.fileStream(dir));
    ssc.start();
    writeFile(join(dir, 'text'), 'é1\r\n\nlast ✓', 13_000);
    await clock.advance(2000);
    expect(out).toEqual([[[0, 'é1'], [5, ''], [6, 'last ✓']]]);
  });

  it('reads records with a custom input format', async () => {
    const { ssc, clock } = newContext();
    const decoder = new TextDecoder();
    const out = collect(
      ssc.fileStream(dir, {
        filter: (path) => path.endsWith('.json'),
        inputFormat: (bytes, path) => [{ path: path.slice(dir.length + 1), ...(JSON.parse(decoder.decode(bytes)) as object) }],
      }),
    );
    ssc.start();
    writeFile(join(dir, 'a.json'), '{"n":1}', 13_000);
    writeFile(join(dir, 'b.txt'), 'not json', 13_000);
    await clock.advance(2000);
    expect(out).toEqual([[{ path: 'a.json', n: 1 }]]);
  });

  it('gives empty batches with a warning while the directory is missing, and its files once it appears', async () => {
    const warnings: string[] = [];
    const { ssc, clock } = newContext(12_000, { ...silent, warn: (message) => void warnings.push(message) });
    const missing = join(root, 'not-yet');
    const out = collect(ssc.textFileStream(missing));
    ssc.start();
    await clock.advance(2000);
    mkdirSync(missing);
    writeFile(join(missing, 'f'), 'here', 14_500);
    await clock.advance(2000);
    expect(out).toEqual([[], ['here']]);
    expect(warnings).toEqual([expect.stringContaining(`error finding new files in '${missing}'`)]);
  });

  it('keeps the files of every batch the stream remembers, so recovery past a long checkpoint interval reads them again', async () => {
    // State checkpointed every 90 s, so the streams remember 180 s, past the 60 s minRememberDuration.
    // Stopped after 170 s, the recovered state of 90 s is brought forward by recomputing the
    // batches of 100 … 170 s from the files the checkpoint says they selected.
    const store = new MemoryCheckpointStore({ logger: silent });
    const totals: [number, number][] = [];
    const factory = (clock: ManualClock) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(10), clock, logger: silent });
      current = ssc;
      ssc.checkpoint(store);
      ssc
        .textFileStream(dir)
        .map((): [string, number] => ['lines', 1])
        .updateStateByKey((values: number[], total: number | undefined) => (total ?? 0) + values.length)
        .checkpoint(Seconds(90))
        .foreachRDD(async (rdd, time) => void totals.push([time.milliseconds / 1000, (await rdd.collect())[0]![1]]));
      return ssc;
    };
    /** File `i` has `i` lines and belongs to the batch of 10·i s. */
    const addFile = (i: number) => writeFile(join(dir, `file-${i}`), 'line\n'.repeat(i), i * 10_000 - 5000);
    const runningTotal = (i: number): [number, number] => [i * 10, (i * (i + 1)) / 2];

    const clock = new ManualClock(0);
    const first = await StreamingContext.getOrCreate(store, factory(clock));
    first.start();
    for (let i = 1; i <= 17; i++) {
      addFile(i);
      await clock.advance(10_000);
    }
    await first.stop();

    const restarted = new ManualClock(170_000);
    const second = await StreamingContext.getOrCreate(store, factory(restarted));
    second.start();
    for (let i = 18; i <= 20; i++) {
      addFile(i);
      await restarted.advance(10_000);
    }
    expect(totals).toEqual(Array.from({ length: 20 }, (_, i) => runningTotal(i + 1)));
  });

  it('rejects a non-positive minRememberDuration', () => {
    const { ssc } = newContext();
    expect(() => ssc.fileStream(dir, { minRememberDuration: Seconds(0) })).toThrow(ValidationError);
  });

  it('on a platform without local files, fails at once with PLATFORM_UNSUPPORTED', () => {
    restorePlatform = currentPlatform();
    registerPlatform({ ...restorePlatform, name: 'browser', sources: {} });
    const { ssc } = newContext();
    expect(() => ssc.textFileStream(dir)).toThrow(IllegalStateError);
    expect(() => ssc.textFileStream(dir)).toThrow(/textFileStream needs a local file system, which the browser platform/);
  });

  it('releases everything on stop: no waiter left on the clock', async () => {
    const { ssc, clock } = newContext();
    collect(ssc.textFileStream(dir));
    ssc.start();
    await clock.advance(2000);
    await ssc.stop();
    expect(clock.waiterCount).toBe(0);
  });
});
