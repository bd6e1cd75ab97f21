/**
 * Per-batch word count: Rivulet's `queueStream → flatMap → map → reduceByKey → foreachRDD(collect)`
 * on a `ManualClock` advanced batch by batch (so the figure is the engine's work, never waiting on
 * real time), against a hand-written loop counting each batch the same way, in one run.
 * Target (issue "The streaming core"): Rivulet at least 0.5× the hand loop's throughput.
 *
 *   node test/bench/run.mjs streamingWordCount [--batches 100] [--lines 20000] [--partitions 2]
 *                                              [--warmup 2] [--iterations 5] [--seed 42]
 */
import { ManualClock, Seconds, StreamingContext } from 'rivulet';
import { fmt, makeLineBatches, median, parseOptions, printTable, sameCounts, time } from './support.ts';

const options = parseOptions('streamingWordCount.bench', process.argv.slice(2), {
  batches: 100,
  lines: 20_000,
  partitions: 2,
  warmup: 2,
  iterations: 5,
  seed: 42,
});

const BATCH_MS = 1000;

type Counts = [string, number][];

// ---- Contenders ----

/**
 * A fresh context per run (a stopped one cannot restart): the batches are queued as RDDs, then
 * the clock is advanced one batch at a time; `advance` settles once the batch's job has completed.
 */
async function rivulet(batches: readonly string[][]): Promise<Counts[]> {
  const clock = new ManualClock();
  const master = `local[${options.partitions}]`;
  const ssc = new StreamingContext({ batchDuration: Seconds(BATCH_MS / 1000), clock, master, appName: 'streamingWordCount.bench' });
  const queue = batches.map((lines) => ssc.rddContext.parallelize(lines, options.partitions));
  const output: Counts[] = [];
  ssc
    .queueStream(queue)
    .flatMap((line) => line.split(' '))
    .map((word): [string, number] => [word, 1])
    .reduceByKey((a, b) => a + b)
    .foreachRDD(async (rdd) => {
      output.push(await rdd.collect());
    });
  ssc.start();
  for (let i = 0; i < batches.length; i++) await clock.advance(BATCH_MS);
  await ssc.stop();
  return output;
}

function handLoop(batches: readonly string[][]): Counts[] {
  const output: Counts[] = [];
  for (const lines of batches) {
    const counts = new Map<string, number>();
    for (let i = 0; i < lines.length; i++) {
      const words = lines[i]!.split(' ');
      for (let j = 0; j < words.length; j++) {
        const w = words[j]!;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
    output.push(Array.from(counts));
  }
  return output;
}

// ---- Measurement ----

async function main(): Promise<void> {
  const batches = makeLineBatches(options.batches, options.lines, 5000, options.seed);
  const expected = handLoop(batches);
  const lines = options.batches * options.lines;
  const words = expected.reduce((sum, counts) => counts.reduce((s, [, n]) => s + n, sum), 0);

  const check = (output: Counts[]): void => {
    if (output.length !== expected.length) throw new Error(`Rivulet produced ${output.length} batches, expected ${expected.length}`);
    output.forEach((counts, i) => {
      const mismatch = sameCounts(counts, expected[i]!);
      if (mismatch) throw new Error(`batch ${i}: Rivulet and the hand loop disagree: ${mismatch}`);
    });
  };

  console.log(
    `streaming word count: ${options.batches} batches × ${fmt(options.lines)} lines = ${fmt(lines)} lines, ` +
      `${fmt(words)} words; ManualClock; ${options.partitions} partitions; ` +
      `${options.warmup} warm-up + ${options.iterations} timed runs each, interleaved; Node ${process.version}`,
  );

  const contenders = {
    rivulet: () => rivulet(batches),
    handLoop: () => handLoop(batches),
  };
  const wall: Record<keyof typeof contenders, number[]> = { rivulet: [], handLoop: [] };
  const cpu: Record<keyof typeof contenders, number[]> = { rivulet: [], handLoop: [] };
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    // Alternate which goes first, so neither always runs right after the other's garbage.
    const order = i % 2 ? (['handLoop', 'rivulet'] as const) : (['rivulet', 'handLoop'] as const);
    for (const name of order) {
      const run = await time(contenders[name]);
      check(run.result); // every run, so a fast wrong answer can never be reported
      if (i >= options.warmup) {
        wall[name].push(run.wallMs);
        cpu[name].push(run.cpuMs);
      }
    }
  }

  console.log('');
  printTable(
    ['contender', 'median ms', 'best ms', 'median CPU ms', 'ms/batch', 'lines/s', 'words/s'],
    (['rivulet', 'handLoop'] as const).map((name) => {
      const ms = median(wall[name]);
      return [
        name,
        ms.toFixed(0),
        Math.min(...wall[name]).toFixed(0),
        median(cpu[name]).toFixed(0),
        (ms / options.batches).toFixed(2),
        fmt(lines / (ms / 1000)),
        fmt(words / (ms / 1000)),
      ];
    }),
  );
  // Each round times both back to back, so the median of per-round ratios shrugs off bursts of load.
  const ratios = wall.rivulet.map((ms, i) => wall.handLoop[i]! / ms);
  const ratio = median(ratios);
  console.log('');
  console.log(
    `Rivulet / hand loop throughput: ${ratio.toFixed(2)}× (median of rounds; range ` +
      `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; ` +
      `by CPU time ${(median(cpu.handLoop) / median(cpu.rivulet)).toFixed(2)}×; target ≥ 0.50×) ` +
      `${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
  );
}

await main();
