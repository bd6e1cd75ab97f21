/**
 * Sliding-window word count: a window of `--window` batches sliding every batch, computed four ways
 * on the same batches, in one run:
 *   inverse    Rivulet's `reduceByKeyAndWindow(add, sub, window, slide)`: the previous window, minus
 *              the batch that left, plus the batch that entered (counts of 0 filtered out);
 *   noInverse  Rivulet's `reduceByKeyAndWindow(add, window, slide)`: each batch reduced once (and
 *              cached), every window reduced again from its `--window` reduced batches;
 *   recompute  naive recomputation, `pairs.window(window, slide).reduceByKey(add)`: every window
 *              reduced again from all of its records;
 *   handLoop   a hand-written incremental loop: one Map of counts, the entering batch added and the
 *              leaving one subtracted.
 * Rivulet runs on a `ManualClock` advanced batch by batch; every contender collects each window.
 * Targets (issue "The streaming core"): inverse ≥ 5× naive recomputation, and within 3× of the hand loop.
 *
 *   node test/bench/run.mjs windowedWordCount [--batches 130] [--window 30] [--lines 2000]
 *        [--vocabulary 50000] [--partitions 2] [--warmup 1] [--iterations 3] [--seed 42]
 */
import { ManualClock, MemoryCheckpointStore, Seconds, StreamingContext, type DStream } from 'rivulet';
import { BatchTimer, collectGarbage, fmt, makeLineBatches, mean, median, parseOptions, printTable } from './support.ts';

const options = parseOptions('windowedWordCount.bench', process.argv.slice(2), {
  batches: 130,
  window: 30,
  lines: 2000,
  vocabulary: 50_000,
  partitions: 2,
  warmup: 1,
  iterations: 3,
  seed: 42,
});

const BATCH_MS = 1000;
const add = (a: number, b: number): number => a + b;
const sub = (a: number, b: number): number => a - b;

// ---- Window digests ----

/**
 * What is kept of each window's result: its size and total, and (when checking) an
 * order-independent hash of its pairs. Keeping every window whole would take gigabytes.
 */
type Digest = string;

function digest(pairs: readonly (readonly [string, number])[], isStrong: boolean): Digest {
  let total = 0;
  let hash = 0;
  for (let i = 0; i < pairs.length; i++) {
    const [word, count] = pairs[i]!;
    total += count;
    if (isStrong) hash = (hash + Math.imul(fnv1a(word), count + 0x9e3779b1)) >>> 0;
  }
  return `${pairs.length}/${total}/${hash}`;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One run: each window's digest, and the wall and CPU ms each batch took (window filled or not). */
interface Run {
  readonly digests: Digest[];
  readonly batchMs: number[];
  readonly batchCpuMs: number[];
}

// ---- Contenders ----

type Windowing = (pairs: DStream<[string, number]>) => DStream<[string, number]>;

const inverse: Windowing = (pairs) =>
  pairs.reduceByKeyAndWindow(add, sub, Seconds(options.window), Seconds(1), undefined, (pair) => pair[1] !== 0);

const noInverse: Windowing = (pairs) => pairs.reduceByKeyAndWindow(add, Seconds(options.window), Seconds(1));

const recompute: Windowing = (pairs) => pairs.window(Seconds(options.window), Seconds(1)).reduceByKey(add);

/**
 * A fresh context per run (a stopped one cannot restart, and the RDDs a stopped context cached
 * would stay in a shared RDD context's block manager). The inverse form must checkpoint (in
 * memory here, at Spark's default interval: every 10 s = 10 batches); the others need none.
 */
async function rivulet(batches: readonly string[][], windowing: Windowing, isStrong: boolean): Promise<Run> {
  const clock = new ManualClock();
  const master = `local[${options.partitions}]`;
  const ssc = new StreamingContext({ batchDuration: Seconds(BATCH_MS / 1000), clock, master, appName: 'windowedWordCount.bench' });
  if (windowing === inverse) ssc.checkpoint(new MemoryCheckpointStore());
  const queue = batches.map((lines) => ssc.rddContext.parallelize(lines, options.partitions));
  const digests: Digest[] = [];
  const words = ssc
    .queueStream(queue)
    .flatMap((line) => line.split(' '))
    .map((word): [string, number] => [word, 1]);
  windowing(words).foreachRDD(async (rdd) => {
    digests.push(digest(await rdd.collect(), isStrong));
  });
  ssc.start();
  const timer = new BatchTimer();
  for (let i = 0; i < batches.length; i++) {
    timer.start();
    await clock.advance(BATCH_MS);
    timer.stop();
  }
  await ssc.stop();
  return { digests, batchMs: timer.batchMs, batchCpuMs: timer.batchCpuMs };
}

function handLoop(batches: readonly string[][], isStrong: boolean): Run {
  const window = new Map<string, number>();
  const inWindow: Map<string, number>[] = []; // the reduced batches in the window, oldest first
  const digests: Digest[] = [];
  const timer = new BatchTimer();
  for (const lines of batches) {
    timer.start();
    const counts = new Map<string, number>();
    for (let i = 0; i < lines.length; i++) {
      const words = lines[i]!.split(' ');
      for (let j = 0; j < words.length; j++) {
        const w = words[j]!;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
    for (const [w, n] of counts) window.set(w, (window.get(w) ?? 0) + n);
    inWindow.push(counts);
    if (inWindow.length > options.window) {
      for (const [w, n] of inWindow.shift()!) {
        const left = window.get(w)! - n;
        if (left === 0) window.delete(w);
        else window.set(w, left);
      }
    }
    digests.push(digest(Array.from(window), isStrong));
    timer.stop();
  }
  return { digests, batchMs: timer.batchMs, batchCpuMs: timer.batchCpuMs };
}

// ---- Measurement ----

type Name = 'inverse' | 'noInverse' | 'recompute' | 'handLoop';

async function main(): Promise<void> {
  const batches = makeLineBatches(options.batches, options.lines, options.vocabulary, options.seed);
  const contenders: Record<Name, (isStrong: boolean) => Run | Promise<Run>> = {
    inverse: (isStrong) => rivulet(batches, inverse, isStrong),
    noInverse: (isStrong) => rivulet(batches, noInverse, isStrong),
    recompute: (isStrong) => rivulet(batches, recompute, isStrong),
    handLoop: (isStrong) => handLoop(batches, isStrong),
  };
  const names = Object.keys(contenders) as Name[];

  // A checking run first: every window's pairs, hashed, must agree between all of them.
  const expected = (await contenders.handLoop(true)).digests;
  for (const name of ['inverse', 'noInverse', 'recompute'] as const) check(name, (await contenders[name](true)).digests, expected);
  const weak = (await contenders.handLoop(false)).digests;
  const steadyFrom = Math.min(options.window, options.batches - 1); // batches after the window first filled
  const [keys] = expected[expected.length - 1]!.split('/');
  console.log(
    `windowed word count: ${options.batches} batches × ${fmt(options.lines)} lines, window ${options.window} batches ` +
      `sliding every batch, vocabulary ${fmt(options.vocabulary)} (${keys} distinct words in the last window); ManualClock; ` +
      `${options.partitions} partitions; ${options.warmup} warm-up + ${options.iterations} timed runs each, rotated; Node ${process.version}`,
  );

  const byName = (): Record<Name, number[]> => ({ inverse: [], noInverse: [], recompute: [], handLoop: [] });
  const totalMs = byName();
  const steadyMs = byName();
  const steadyCpuMs = byName();
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    // Rotate the order, so no contender always runs right after another's garbage.
    const order = names.map((_, k) => names[(k + i) % names.length]!);
    for (const name of order) {
      collectGarbage();
      const run = await contenders[name](false);
      check(name, run.digests, weak); // every run, so a fast wrong answer can never be reported
      if (i < options.warmup) continue;
      totalMs[name].push(run.batchMs.reduce(add, 0));
      steadyMs[name].push(median(run.batchMs.slice(steadyFrom)));
      steadyCpuMs[name].push(mean(run.batchCpuMs.slice(steadyFrom)));
    }
  }

  console.log('');
  printTable(
    ['contender', 'median run ms', 'CPU ms/batch', 'wall ms/batch', 'batches/s (CPU)'],
    names.map((name) => {
      const cpuMs = median(steadyCpuMs[name]);
      return [name, median(totalMs[name]).toFixed(0), cpuMs.toFixed(2), median(steadyMs[name]).toFixed(2), fmt(1000 / cpuMs)];
    }),
  );
  console.log('(per batch: once the window is full; CPU = mean process CPU time, wall = median wall-clock time)');
  // Ratios per round, then their median: each round times all of them back to back.
  const ratio = (of: Record<Name, number[]>, a: Name, b: Name): number => median(of[a].map((ms, k) => ms / of[b][k]!));
  const speedup = ratio(steadyCpuMs, 'recompute', 'inverse');
  const slowdown = ratio(steadyCpuMs, 'inverse', 'handLoop');
  console.log('');
  console.log(
    `inverse vs naive recomputation: ${speedup.toFixed(1)}× faster by CPU time ` +
      `(${ratio(steadyMs, 'recompute', 'inverse').toFixed(1)}× by wall-clock; target ≥ 5×) ${speedup >= 5 ? 'OK' : 'BELOW TARGET'}`,
  );
  console.log(
    `inverse vs reduceByKeyAndWindow without inverse: ${ratio(steadyCpuMs, 'noInverse', 'inverse').toFixed(1)}× faster by CPU time ` +
      `(${ratio(steadyMs, 'noInverse', 'inverse').toFixed(1)}× by wall-clock)`,
  );
  console.log(
    `inverse vs hand-written incremental loop: ${slowdown.toFixed(2)}× slower by CPU time ` +
      `(${ratio(steadyMs, 'inverse', 'handLoop').toFixed(2)}× by wall-clock; target ≤ 3×) ${slowdown <= 3 ? 'OK' : 'ABOVE TARGET'}`,
  );
}

function check(name: string, digests: readonly Digest[], expected: readonly Digest[]): void {
  if (digests.length !== expected.length) throw new Error(`${name}: ${digests.length} windows, expected ${expected.length}`);
  const i = digests.findIndex((d, k) => d !== expected[k]);
  if (i >= 0) throw new Error(`${name}: window ${i} differs from the hand loop's: ${digests[i]} vs ${expected[i]} (keys/total/hash)`);
}

await main();
