/**
 * The program the kill-and-recover tests run in a child process (bundled by the test with Vite, so
 * plain Node runs it; see killAndRecover.test.ts). It resumes from its checkpoint directory with
 * `getOrCreate`, drives a `ManualClock` one batch at a time as fast as it can, appends every
 * output to a file as one JSON line, and prints `batch <ms>` after each so the parent can pick a
 * moment to SIGKILL it.
 *
 *   node recoveryChild.mjs <checkpointDir> <pipeline> <outputFile> <totalBatches>
 *
 * Pipelines: stateless | updateStateByKey | mapWithState | inverseWindow | receiverWal.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  type DStream,
  ManualClock,
  Milliseconds,
  Receiver,
  StateSpec,
  StreamingContext,
  type State,
  type Logger,
} from 'rivulet';
import { TestInputStream } from 'rivulet/testing';

const [checkpointDir, pipeline, outputPath, totalBatchesArg] = process.argv.slice(2) as [string, string, string, string];
const totalBatches = Number(totalBatchesArg);
const BATCH_MS = 100;
const quiet: Logger = { debug() {}, info() {}, warn() {}, error: (message, ...details) => console.error(message, ...details) };

/** mulberry32: the input is the same in every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ['ant', 'bee', 'cat', 'dog', 'eel'];
const next = random(7);
const input: string[][] = Array.from({ length: totalBatches }, () =>
  Array.from({ length: Math.floor(next() * 7) }, () => words[Math.floor(next() * words.length)]!),
);

function emit(name: string, timeMs: number, out: unknown[]): void {
  const sorted = out.map((v) => JSON.stringify(v)).sort();
  appendFileSync(outputPath, `${JSON.stringify({ name, t: timeMs, out: sorted })}\n`);
}

const pairs = (s: DStream<string>): DStream<[string, number]> => s.map((w): [string, number] => [w, 1]);

/** A replayable source whose acknowledged offset is a file: records are `r<i>`, one every 10 ms. */
class AckingReceiver extends Receiver<string> {
  constructor(
    private readonly clock: ManualClock,
    private readonly ackPath: string,
  ) {
    super();
  }

  onStart(): void {
    void this.run();
  }

  onStop(): void {}

  private async run(): Promise<void> {
    const total = totalBatches * 10 - 20;
    for (let i = existsSync(this.ackPath) ? Number(readFileSync(this.ackPath, 'utf8')) : 0; i < total; i++) {
      await this.clock.waitTillTime(i * 10 + 5);
      if (this.isStopped()) return;
      try {
        const stored = this.store([`r${i}`]);
        this.clock.trackWork(stored);
        await stored; // in the write-ahead log: safe to acknowledge
      } catch {
        return;
      }
      writeFileSync(this.ackPath, String(i + 1));
    }
  }
}

let clock!: ManualClock;
const ssc = await StreamingContext.getOrCreate(checkpointDir, (info) => {
  // Spark's tests set the manual clock to the checkpoint's time on recovery; so does this one.
  clock = new ManualClock(info.checkpointTime?.milliseconds ?? 0);
  const context = new StreamingContext({
    batchDuration: Milliseconds(BATCH_MS),
    clock,
    logger: quiet,
    writeAheadLog: pipeline === 'receiverWal',
  });
  context.checkpoint(checkpointDir);
  const lines: DStream<string> =
    pipeline === 'receiverWal'
      ? context.receiverStream(new AckingReceiver(clock, `${outputPath}.ack`))
      : new TestInputStream(context, input, 2);
  const output = (name: string, stream: DStream<unknown>): void =>
    stream.foreachRDD(async (rdd, time) => emit(name, time.milliseconds, await rdd.collect()));
  switch (pipeline) {
    case 'stateless':
      output('counts', pairs(lines).reduceByKey((a, b) => a + b));
      break;
    case 'updateStateByKey':
      output(
        'state',
        pairs(lines)
          .updateStateByKey((values: number[], state: number | undefined) => values.length + (state ?? 0))
          .checkpoint(Milliseconds(2 * BATCH_MS)),
      );
      break;
    case 'mapWithState': {
      const spec = StateSpec.function((word: string, one: number | undefined, state: State<number>): string => {
        if (state.isTimingOut()) return `${word} idle`;
        state.update((state.getOption() ?? 0) + (one ?? 0));
        return `${word}=${state.get()}`;
      }).timeout(Milliseconds(5 * BATCH_MS));
      const mapped = pairs(lines).mapWithState(spec).checkpoint(Milliseconds(3 * BATCH_MS));
      output('mapped', mapped);
      output('snapshots', mapped.stateSnapshots());
      break;
    }
    case 'inverseWindow':
      output(
        'window',
        pairs(lines)
          .reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, Milliseconds(4 * BATCH_MS), Milliseconds(BATCH_MS), 2, (p) => p[1] > 0)
          .checkpoint(Milliseconds(2 * BATCH_MS)),
      );
      break;
    case 'receiverWal':
      output('records', lines);
      break;
    default:
      throw new Error(`unknown pipeline ${pipeline}`);
  }
  return context;
});

ssc.start();
await clock.advance(0); // batches rescheduled by the recovery
while (clock.getTimeMillis() < totalBatches * BATCH_MS) {
  await clock.advance(BATCH_MS);
  process.stdout.write(`batch ${clock.getTimeMillis()}\n`);
}
await ssc.stop({ stopGracefully: true });
// The parent may still have a kill scheduled: it answers `exit` only when none is pending, so a
// kill always lands (here, after the last batch, a valid moment too) and the kill count is exact.
process.stdout.write('finished\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdout.write('done\n');
process.exit(0);
