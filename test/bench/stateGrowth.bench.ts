/**
 * Running counts as the state grows to 1,000,000 keys: every batch brings `--newKeys` keys never
 * seen before and `--updates` records of keys already counted, so after `--batches` batches the
 * state holds batches × newKeys keys. Per-batch cost, as the state grows, of:
 *   updateStateByKey  Rivulet's `updateStateByKey((values, count) => (count ?? 0) + Σ values)`;
 *   mapWithState      Rivulet's `mapWithState`, whose copy-on-write state map touches only the
 *                     keys with data (Spark's answer to updateStateByKey's cost);
 *   handLoop          one Map of counts, updated in place.
 * Rivulet runs on a `ManualClock` advanced batch by batch, with Spark's default checkpoint
 * interval (10 batches here) into a `MemoryCheckpointStore`. The final states are checked equal.
 *
 *   node test/bench/run.mjs stateGrowth [--batches 100] [--newKeys 10000] [--updates 10000]
 *        [--partitions 2] [--warmupBatches 20] [--iterations 1] [--seed 42]
 */
import { ManualClock, MemoryCheckpointStore, Seconds, StateSpec, StreamingContext, type DStream, type State } from 'rivulet';
import { BatchTimer, collectGarbage, fmt, mean, median, mulberry32, parseOptions, printTable } from './support.ts';

const options = parseOptions('stateGrowth.bench', process.argv.slice(2), {
  batches: 100,
  newKeys: 10_000,
  updates: 10_000,
  partitions: 2,
  warmupBatches: 20,
  iterations: 1,
  seed: 42,
});

const BATCH_MS = 1000;

// ---- Input ----

/** Batch b: keys b × newKeys … (b + 1) × newKeys − 1 once each, then `updates` keys seen before, uniformly. */
function makeBatches(batches: number): string[][] {
  const random = mulberry32(options.seed);
  const names = Array.from({ length: batches * options.newKeys }, (_, i) => `key-${i}`);
  const result: string[][] = [];
  for (let b = 0; b < batches; b++) {
    const first = b * options.newKeys;
    const keys = names.slice(first, first + options.newKeys);
    for (let i = 0; i < options.updates && first > 0; i++) keys.push(names[Math.floor(random() * first)]!);
    result.push(keys);
  }
  return result;
}

/** One run: the ms each batch took, and the final counts. */
interface Run {
  readonly batchMs: number[];
  readonly batchCpuMs: number[];
  readonly final: Map<string, number>;
}

// ---- Contenders ----

type Counting = (pairs: DStream<[string, number]>, isLast: (timeMs: number) => boolean, final: Map<string, number>) => void;

const updateStateByKey: Counting = (pairs, isLast, final) => {
  const counts = pairs.updateStateByKey((values: number[], count: number | undefined) => {
    let sum = count ?? 0;
    for (let i = 0; i < values.length; i++) sum += values[i]!;
    return sum;
  });
  // An output operation computes every batch's state: a count, and the whole state at the end.
  counts.foreachRDD(async (rdd, time) => {
    if (!isLast(time.milliseconds)) await rdd.count();
    else for (const [key, n] of await rdd.collect()) final.set(key, n);
  });
};

const mapWithState: Counting = (pairs, isLast, final) => {
  const spec = StateSpec.function((_key: string, one: number | undefined, state: State<number>) => {
    const count = (state.getOption() ?? 0) + (one ?? 0);
    state.update(count);
    return count;
  });
  const counted = pairs.mapWithState(spec);
  counted.foreachRDD(async (rdd) => void (await rdd.count()));
  // Snapshots are only computed when asked for: here once, at the end.
  counted.stateSnapshots().foreachRDD(async (rdd, time) => {
    if (isLast(time.milliseconds)) for (const [key, n] of await rdd.collect()) final.set(key, n);
  });
};

async function rivulet(batches: readonly string[][], counting: Counting): Promise<Run> {
  const clock = new ManualClock();
  const master = `local[${options.partitions}]`;
  const ssc = new StreamingContext({ batchDuration: Seconds(BATCH_MS / 1000), clock, master, appName: 'stateGrowth.bench' });
  ssc.checkpoint(new MemoryCheckpointStore());
  const queue = batches.map((keys) => ssc.rddContext.parallelize(keys, options.partitions));
  const final = new Map<string, number>();
  const pairs = ssc.queueStream(queue).map((key): [string, number] => [key, 1]);
  counting(pairs, (timeMs) => timeMs === batches.length * BATCH_MS, final);
  ssc.start();
  const timer = new BatchTimer();
  for (let i = 0; i < batches.length; i++) {
    timer.start();
    await clock.advance(BATCH_MS);
    timer.stop();
  }
  await ssc.stop();
  return { batchMs: timer.batchMs, batchCpuMs: timer.batchCpuMs, final };
}

function handLoop(batches: readonly string[][]): Run {
  const counts = new Map<string, number>();
  const timer = new BatchTimer();
  for (const keys of batches) {
    timer.start();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    timer.stop();
  }
  return { batchMs: timer.batchMs, batchCpuMs: timer.batchCpuMs, final: counts };
}

// ---- Measurement ----

type Name = 'updateStateByKey' | 'mapWithState' | 'handLoop';

async function main(): Promise<void> {
  const batches = makeBatches(options.batches);
  const warmupBatches = batches.slice(0, Math.min(options.warmupBatches, options.batches));
  const contenders: Record<Name, (input: readonly string[][]) => Run | Promise<Run>> = {
    updateStateByKey: (input) => rivulet(input, updateStateByKey),
    mapWithState: (input) => rivulet(input, mapWithState),
    handLoop: (input) => handLoop(input),
  };
  const names = Object.keys(contenders) as Name[];
  console.log(
    `state growth: ${options.batches} batches × (${fmt(options.newKeys)} new keys + ${fmt(options.updates)} updates) → ` +
      `${fmt(options.batches * options.newKeys)} keys; ManualClock, checkpoint every 10 batches; ${options.partitions} partitions; ` +
      `warm-up: ${warmupBatches.length} batches each, then ${options.iterations} timed run(s) each; Node ${process.version}`,
  );

  for (const name of names) await contenders[name](warmupBatches);
  const runs: Record<Name, Run[]> = { updateStateByKey: [], mapWithState: [], handLoop: [] };
  for (let i = 0; i < options.iterations; i++) {
    for (const name of names) {
      collectGarbage();
      const run = await contenders[name](batches);
      check(name, run.final, runs.handLoop[0]?.final ?? handLoop(batches).final);
      runs[name].push(run);
      console.log(`  ${name}: ${fmt(run.batchCpuMs.reduce((a, b) => a + b, 0))} ms CPU in all`);
    }
  }

  // Per step of a tenth of the batches: mean, median and slowest CPU ms per batch (each the median over runs).
  const step = Math.max(1, Math.floor(options.batches / 10));
  const rows: string[][] = [];
  for (let from = 0; from + step <= options.batches; from += step) {
    const cells = [fmt((from + step) * options.newKeys)];
    for (const name of names) {
      const slices = runs[name].map((run) => run.batchCpuMs.slice(from, from + step));
      cells.push(
        median(slices.map(mean)).toFixed(0),
        median(slices.map(median)).toFixed(0),
        median(slices.map((s) => Math.max(...s))).toFixed(0),
      );
    }
    rows.push(cells);
  }
  console.log('');
  console.log(`CPU ms per batch over each ${step} batches: mean, median and slowest (each the median of the runs)`);
  printTable(['keys in state', ...names.flatMap((n) => [`${n} mean`, 'median', 'max'])], rows);
}

function check(name: string, counts: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>): void {
  if (counts.size !== expected.size) throw new Error(`${name}: ${counts.size} keys in the final state, expected ${expected.size}`);
  for (const [key, n] of expected) {
    if (counts.get(key) !== n) throw new Error(`${name}: '${key}' counted ${counts.get(key)}, expected ${n}`);
  }
}

await main();
