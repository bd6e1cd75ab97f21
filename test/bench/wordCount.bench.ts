/**
 * Batch word count: Rivulet's `parallelize → flatMap → map → reduceByKey → collect` against a
 * hand-written JavaScript loop doing the same work, on the same deterministic corpus, in one run.
 * Target (issue "Foundation"): Rivulet at least 0.5× the hand loop's throughput.
 *
 *   node test/bench/run.mjs wordCount [--lines 1000000] [--partitions 2] [--warmup 2] [--iterations 7]
 *                                     [--seed 42] [--polymorphic 0|1]
 */
import { RDDContext } from 'rivulet';
import { fmt, makeLineBatches, median } from './support.js';

interface Options {
  readonly lines: number;
  readonly partitions: number;
  readonly warmup: number;
  readonly iterations: number;
  readonly seed: number;
  /** 1: first run other pipelines, so the engine's per-record call sites are no longer monomorphic. */
  readonly polymorphic: number;
}

const options = parseOptions(process.argv.slice(2), {
  lines: 1_000_000,
  partitions: 2,
  warmup: 2,
  iterations: 7,
  seed: 42,
  polymorphic: 0,
});

// ---- Corpus ----

const VOCABULARY_SIZE = 5000;

/** Lines of 5–15 words, the word of rank r drawn with probability ∝ 1 / r (Zipf). */
function makeCorpus(lineCount: number, seed: number): string[] {
  return makeLineBatches(1, lineCount, VOCABULARY_SIZE, seed)[0]!;
}

// ---- Contenders ----

async function rivulet(ctx: RDDContext, lines: string[], partitions: number): Promise<[string, number][]> {
  return ctx
    .parallelize(lines, partitions)
    .flatMap((l) => l.split(' '))
    .map((w): [string, number] => [w, 1])
    .reduceByKey((a, b) => a + b)
    .collect();
}

function handLoop(lines: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i]!.split(' ');
    for (let j = 0; j < words.length; j++) {
      const w = words[j]!;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return Array.from(counts);
}

/**
 * A real application runs many operator kinds through the same engine code, so `Sink.push` and
 * `KeyMap.combine` see many receiver and callback shapes; a benchmark running one pipeline
 * would let V8 inline all of it. These pipelines give those call sites their variety first.
 */
async function exerciseOtherPipelines(ctx: RDDContext): Promise<void> {
  const numbers = ctx.parallelize(Array.from({ length: 20_000 }, (_, i) => i), 4);
  const pairs = numbers.map((n): [number, number] => [n % 97, n]);
  for (let round = 0; round < 20; round++) {
    await numbers.filter((n) => n % 3 === 0).map((n) => n * 2).count();
    await numbers.flatMap((n) => [n, -n]).keyBy((n) => `k${n % 50}`).mapValues((n) => n + 1).groupByKey().count();
    await pairs.reduceByKey((a, b) => Math.max(a, b)).collect();
    await pairs
      .mapValues((n): [number, number] => [n, 1])
      .reduceByKey((a, b): [number, number] => [a[0] + b[0], a[1] + b[1]])
      .count();
    await pairs.aggregateByKey(0, (acc, v) => acc + v, (a, b) => a + b, 3).keys().distinct().count();
    await pairs.map(([k, v]): [[number, number], number] => [[k, k % 7], v]).reduceByKey((a, b) => a + b).count();
    await numbers.map((n) => `${n % 1000}`).countByValue();
    await pairs.partitionBy(5).values().filter((v) => v > 10).count();
  }
}

// ---- Measurement ----

const gc = (globalThis as { gc?: () => void }).gc;

/** Wall-clock and process CPU milliseconds of one run; CPU time barely moves when other processes load the machine. */
async function time(run: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (user + system) / 1000 };
}

function sameCounts(a: [string, number][], b: [string, number][]): string | undefined {
  if (a.length !== b.length) return `${a.length} distinct words vs ${b.length}`;
  const m = new Map(b);
  for (const [w, n] of a) if (m.get(w) !== n) return `'${w}': ${n} vs ${m.get(w)}`;
  return undefined;
}

async function main(): Promise<void> {
  const generated = performance.now();
  const lines = makeCorpus(options.lines, options.seed);
  const generatedMs = performance.now() - generated;

  const expected = handLoop(lines);
  const words = expected.reduce((sum, [, n]) => sum + n, 0);
  const ctx = new RDDContext({ master: `local[${options.partitions}]`, appName: 'wordCount.bench' });
  if (options.polymorphic) await exerciseOtherPipelines(ctx);
  const mismatch = sameCounts(await rivulet(ctx, lines, options.partitions), expected);
  if (mismatch) throw new Error(`Rivulet and the hand loop disagree: ${mismatch}`);

  console.log(
    `word count: ${fmt(lines.length)} lines, ${fmt(words)} words, ${fmt(expected.length)} distinct ` +
      `(corpus in ${generatedMs.toFixed(0)} ms); ${options.partitions} partitions, ` +
      `${options.warmup} warm-up + ${options.iterations} timed runs each, interleaved` +
      `${options.polymorphic ? ', engine call sites made polymorphic first' : ''}; Node ${process.version}`,
  );

  const contenders = {
    rivulet: () => rivulet(ctx, lines, options.partitions),
    handLoop: () => handLoop(lines),
  };
  const samples: Record<keyof typeof contenders, number[]> = { rivulet: [], handLoop: [] };
  const cpuSamples: Record<keyof typeof contenders, number[]> = { rivulet: [], handLoop: [] };
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    // Alternate which goes first, so neither always runs right after the other's garbage.
    const order = i % 2 ? (['handLoop', 'rivulet'] as const) : (['rivulet', 'handLoop'] as const);
    for (const name of order) {
      const { wallMs, cpuMs } = await time(contenders[name]);
      if (i >= options.warmup) {
        samples[name].push(wallMs);
        cpuSamples[name].push(cpuMs);
      }
    }
  }

  const summarize = (name: keyof typeof contenders) => {
    const ms = median(samples[name]);
    const best = Math.min(...samples[name]);
    const cpuMs = median(cpuSamples[name]);
    return { name, ms, best, cpuMs, lps: lines.length / (ms / 1000), wps: words / (ms / 1000) };
  };
  const ours = summarize('rivulet');
  const theirs = summarize('handLoop');
  console.log('');
  console.log('contender   median ms   best ms   median CPU ms      lines/s       words/s');
  for (const r of [ours, theirs]) {
    console.log(
      `${r.name.padEnd(10)} ${r.ms.toFixed(0).padStart(10)} ${r.best.toFixed(0).padStart(9)} ` +
        `${r.cpuMs.toFixed(0).padStart(15)} ${fmt(r.lps).padStart(12)} ${fmt(r.wps).padStart(13)}`,
    );
  }
  // Throughput ratio = inverse time ratio. Each round times both back to back, so the median of
  // the per-round ratios shrugs off a burst of load from other processes better than the medians' ratio.
  const ratios = samples.rivulet.map((ms, i) => samples.handLoop[i]! / ms);
  const ratio = median(ratios);
  console.log('');
  console.log(
    `Rivulet / hand loop throughput: ${ratio.toFixed(2)}× (median of rounds; range ` +
      `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; ` +
      `best vs best ${(theirs.best / ours.best).toFixed(2)}×; ` +
      `by CPU time ${(theirs.cpuMs / ours.cpuMs).toFixed(2)}×; ` +
      `target ≥ 0.50×) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
  );
  ctx.stop();
}

// ---- Arguments and formatting ----

function parseOptions(argv: string[], defaults: Options): Options {
  const result: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!.replace(/^--/, '');
    const value = Number(argv[++i]);
    if (!(key in defaults) || !Number.isInteger(value) || value < 0) {
      const known = Object.keys(defaults).map((k) => `--${k}`);
      throw new Error(`wordCount.bench: bad option '${argv[i - 1]} ${argv[i]}'; use ${known.join(', ')} <integer>`);
    }
    result[key] = value;
  }
  return result as unknown as Options;
}


await main();
