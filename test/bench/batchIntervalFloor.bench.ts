/**
 * The smallest batch interval Rivulet keeps up with in real time: a trivial pipeline
 * (`generatorStream → map → count → foreachRDD(collect)`, `--records` records a batch) runs
 * `--batches` batches under the `SystemClock` at each interval of 100, 50, 20, 10, 5 and 2 ms,
 * and a `StreamingListener` collects every batch's delays. Beside it, a hand-written loop on
 * `setTimeout` does the same work at the same interval, to show what the platform's timers allow.
 *
 * Keeping up means the delays do not grow: over a run, the mean of the last 100 batches is at
 * most the mean of the first 100 plus one batch interval (the backlog grew by less than one batch;
 * a pipeline that is too slow by only 1 % grows it by 9 intervals over 1,000 batches). Both delays
 * are checked:
 *   scheduling delay   Spark's: from the batch's submission to the start of its first job;
 *   lag                from the batch time to the end of its last job (timer lateness included).
 * Spark's practical floor is about 100 ms; the aim is 10 ms. Real time, so each interval takes
 * `--batches` × interval (the whole benchmark about 3 minutes at the defaults).
 *
 *   node test/bench/run.mjs batchIntervalFloor [--batches 1000] [--records 100] [--partitions 2]
 *                                              [--warmupBatches 200] [--minIntervalMs 2]
 */
import { availableParallelism, loadavg } from 'node:os';
import { Milliseconds, StreamingContext, type BatchInfo } from 'rivulet';
import { fmt, mean, parseOptions, printTable } from './support.ts';

const options = parseOptions('batchIntervalFloor.bench', process.argv.slice(2), {
  batches: 1000,
  records: 100,
  partitions: 2,
  warmupBatches: 200,
  minIntervalMs: 2,
});

const INTERVALS_MS = [100, 50, 20, 10, 5, 2].filter((ms) => ms >= options.minIntervalMs);
/** How many batches the first and last means are taken over. */
const EDGE = 100;

/** One batch's delays, in ms. */
interface Delays {
  readonly schedulingMs: number;
  readonly processingMs: number;
  readonly lagMs: number;
}

interface Verdict {
  readonly growthMs: { readonly scheduling: number; readonly lag: number };
  readonly isKeepingUp: boolean;
}

function verdict(delays: readonly Delays[], intervalMs: number): Verdict {
  const edge = Math.min(EDGE, Math.floor(delays.length / 2));
  const growth = (of: (d: Delays) => number): number =>
    mean(delays.slice(-edge).map(of)) - mean(delays.slice(0, edge).map(of));
  const scheduling = growth((d) => d.schedulingMs);
  const lag = growth((d) => d.lagMs);
  return { growthMs: { scheduling, lag }, isKeepingUp: scheduling <= intervalMs && lag <= intervalMs };
}

// ---- Contenders ----

/** Runs `batches` batches at `intervalMs`, then stops; the delays of each completed batch, in order. */
async function rivulet(intervalMs: number, batches: number): Promise<Delays[]> {
  const ssc = new StreamingContext({
    batchDuration: Milliseconds(intervalMs),
    master: `local[${options.partitions}]`,
    appName: 'batchIntervalFloor.bench',
  });
  const delays: Delays[] = [];
  let counted = 0;
  let done!: () => void;
  const allDone = new Promise<void>((resolve) => (done = resolve));
  ssc.addStreamingListener({
    onBatchCompleted: ({ batchInfo }) => {
      delays.push(delaysOf(batchInfo));
      if (delays.length === batches) done();
    },
  });
  ssc
    .generatorStream({ kind: 'words', ratePerSecond: (options.records * 1000) / intervalMs, numPartitions: options.partitions })
    .map((word) => word.length)
    .count()
    .foreachRDD(async (rdd) => {
      for (const n of await rdd.collect()) counted += n;
    });
  ssc.start();
  await allDone;
  await ssc.stop();
  if (counted < batches * options.records) {
    throw new Error(`Rivulet counted ${counted} records in ${batches} batches of ${options.records}`);
  }
  return delays.slice(0, batches);
}

function delaysOf(info: BatchInfo): Delays {
  return {
    schedulingMs: info.schedulingDelay!,
    processingMs: info.processingDelay!,
    lagMs: info.processingEndTime! - info.batchTime.milliseconds,
  };
}

/**
 * The same work on a hand-written timer: every `intervalMs`, on a fixed schedule (a late tick is
 * not rescheduled later, as Rivulet's RecurringTimer never skips a period), make the batch's
 * records, map and count them. Its scheduling delay is the timer's lateness.
 */
async function handLoop(intervalMs: number, batches: number): Promise<Delays[]> {
  const words = ['the', 'of', 'and', 'a', 'to', 'in', 'is', 'you', 'that', 'it'];
  const delays: Delays[] = [];
  let counted = 0;
  const start = (Math.floor(Date.now() / intervalMs) + 1) * intervalMs;
  for (let batch = 0; batch < batches; batch++) {
    const due = start + batch * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const begin = Date.now();
    const records = new Array<string>(options.records);
    for (let i = 0; i < records.length; i++) records[i] = words[(batch * options.records + i) % words.length]!;
    let count = 0;
    for (let i = 0; i < records.length; i++) if (records[i]!.length >= 0) count++;
    counted += count;
    const end = Date.now();
    delays.push({ schedulingMs: begin - due, processingMs: end - begin, lagMs: end - due });
  }
  if (counted !== batches * options.records) throw new Error(`The hand loop counted ${counted} records`);
  return delays;
}

// ---- Measurement ----

async function main(): Promise<void> {
  console.log(
    `batch interval floor: ${fmt(options.batches)} batches of ${options.records} records per interval; SystemClock; ` +
      `${options.partitions} partitions; warm-up: ${options.warmupBatches} batches at 10 ms; Node ${process.version}; ` +
      `load average ${loadAverage()} on ${availableParallelism()} cores`,
  );
  await rivulet(10, options.warmupBatches);
  await handLoop(10, options.warmupBatches);

  const rows: string[][] = [];
  let floorMs: number | undefined;
  let isFloorBroken = false;
  for (const intervalMs of INTERVALS_MS) {
    for (const [name, run] of [
      ['rivulet', rivulet],
      ['handLoop', handLoop],
    ] as const) {
      const delays = await run(intervalMs, options.batches);
      const v = verdict(delays, intervalMs);
      if (name === 'rivulet') {
        // The floor: the smallest interval that keeps up, with every larger one keeping up too.
        if (v.isKeepingUp && !isFloorBroken) floorMs = intervalMs;
        else isFloorBroken = true;
      }
      rows.push([
        `${intervalMs} ms`,
        name,
        mean(delays.map((d) => d.processingMs)).toFixed(2),
        `${mean(delays.slice(0, EDGE).map((d) => d.schedulingMs)).toFixed(1)} → ${mean(delays.slice(-EDGE).map((d) => d.schedulingMs)).toFixed(1)}`,
        `${mean(delays.slice(0, EDGE).map((d) => d.lagMs)).toFixed(1)} → ${mean(delays.slice(-EDGE).map((d) => d.lagMs)).toFixed(1)}`,
        percentile(delays.map((d) => d.lagMs), 0.99).toFixed(0),
        v.isKeepingUp ? 'yes' : `no (+${Math.max(v.growthMs.scheduling, v.growthMs.lag).toFixed(0)} ms)`,
      ]);
      console.log(`  ${intervalMs} ms, ${name}: ${rows[rows.length - 1]!.slice(2).join(' | ')}`);
    }
  }
  console.log('');
  console.log(`ms; "a → b": mean of the first ${EDGE} batches → mean of the last ${EDGE}`);
  printTable(['interval', 'contender', 'mean processing', 'scheduling delay', 'lag', 'p99 lag', 'keeps up'], rows);
  console.log('');
  console.log(`load average now ${loadAverage()}`);
  console.log(
    `Rivulet's floor: ${floorMs === undefined ? 'none of the intervals tried' : `${floorMs} ms`}` +
      `${floorMs === INTERVALS_MS[INTERVALS_MS.length - 1] ? ' or less (the smallest tried)' : ''} ` +
      `(Spark's practical floor ≈ 100 ms; aim 10 ms) ${floorMs !== undefined && floorMs <= 10 ? 'OK' : 'ABOVE AIM'}`,
  );
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** The 1-minute load average: other processes on the machine delay real-time batches. */
function loadAverage(): string {
  return loadavg()[0]!.toFixed(2);
}

await main();
