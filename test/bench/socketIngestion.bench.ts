/**
 * Socket ingestion: lines from a loopback TCP server through `socketTextStream` into a word count,
 * against a plain Node `net` + `readline` loop counting the same lines, in one run. The server is
 * a separate Node process (so its CPU is not billed to either contender) that sends the whole
 * corpus as fast as the reader takes it, in 64 KiB writes, then closes the connection.
 *
 * Rivulet's side runs on a `ManualClock`: the receiver stores everything the connection brings
 * (TCP backpressure paces the server), the server's close restarts the receiver — the signal that
 * everything was stored — and one `advance` then runs the batch holding it all. So the figure is
 * receiving + decoding + splitting + storing + the word count, never time spent waiting for a batch.
 *
 *   node test/bench/run.mjs socketIngestion [--lines 500000] [--warmup 2] [--iterations 5] [--seed 42]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ManualClock, RDDContext, Seconds, StreamingContext, type Logger } from 'rivulet';
import { fmt, makeLineBatches, median, parseOptions, printTable, sameCounts, time } from './support.ts';

const options = parseOptions('socketIngestion.bench', process.argv.slice(2), {
  lines: 500_000,
  warmup: 2,
  iterations: 5,
  seed: 42,
});

type Counts = [string, number][];

// ---- The data server: a child process sending the corpus file to every connection ----

const SERVER = `
const { createServer } = require('node:net');
const { readFileSync } = require('node:fs');
const payload = readFileSync(process.argv[1]);
const CHUNK = 64 * 1024;
const server = createServer((socket) => {
  let offset = 0;
  const pump = () => {
    while (offset < payload.length) {
      const end = Math.min(offset + CHUNK, payload.length);
      const more = socket.write(payload.subarray(offset, end));
      offset = end;
      if (!more) return void socket.once('drain', pump);
    }
    socket.end();
  };
  socket.on('error', () => {});
  pump();
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('disconnect', () => process.exit(0));
`;

async function startServer(file: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER, file], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').once('data', (text: string) => resolve(Number(text.trim())));
    child.once('error', reject);
  });
  return { port, child };
}

// ---- Contenders ----

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** socketTextStream → flatMap → map → reduceByKey → collect, for the one batch holding the whole corpus. */
async function rivulet(rddContext: RDDContext, port: number): Promise<Counts> {
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, rddContext, logger: quiet, receiverRestartDelayMs: 60_000 });
  let counts: Counts = [];
  ssc
    .socketTextStream('127.0.0.1', port)
    .flatMap((line) => line.split(' '))
    .map((word): [string, number] => [word, 1])
    .reduceByKey((a, b) => a + b)
    .foreachRDD(async (rdd) => {
      counts = await rdd.collect();
    });
  const everythingStored = new Promise<void>((resolve) => ssc.addStreamingListener({ onReceiverStopped: () => resolve() }));
  ssc.start();
  await everythingStored; // the server closed the connection: the receiver restarts, all lines stored
  await clock.advance(1000);
  await ssc.stop({ stopRDDContext: false });
  return counts;
}

/** The same count with Node's own tools: a socket, readline's 'line' events, a Map. */
function readlineLoop(port: number): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    const counts = new Map<string, number>();
    const lines = createInterface({ input: socket, crlfDelay: Infinity });
    lines.on('line', (line) => {
      const words = line.split(' ');
      for (let j = 0; j < words.length; j++) {
        const w = words[j]!;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    });
    lines.once('close', () => resolve(Array.from(counts)));
  });
}

// ---- Measurement ----

async function main(): Promise<void> {
  const [lines] = makeLineBatches(1, options.lines, 5000, options.seed);
  const payload = Buffer.from(`${lines!.join('\n')}\n`, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'rivulet-bench-'));
  const file = join(dir, 'corpus.txt');
  writeFileSync(file, payload);
  const { port, child } = await startServer(file);
  const rddContext = new RDDContext({ master: 'local[2]', appName: 'socketIngestion.bench', logger: quiet });
  try {
    const expected = await readlineLoop(port);
    const mismatch = sameCounts(await rivulet(rddContext, port), expected);
    if (mismatch) throw new Error(`Rivulet and the readline loop disagree: ${mismatch}`);
    const words = expected.reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `socket ingestion: ${fmt(options.lines)} lines, ${fmt(words)} words, ${(payload.length / 2 ** 20).toFixed(1)} MiB ` +
        `from a loopback server process; ${options.warmup} warm-up + ${options.iterations} timed runs each, interleaved; Node ${process.version}`,
    );

    const contenders = { rivulet: () => rivulet(rddContext, port), readline: () => readlineLoop(port) };
    const wall: Record<keyof typeof contenders, number[]> = { rivulet: [], readline: [] };
    const cpu: Record<keyof typeof contenders, number[]> = { rivulet: [], readline: [] };
    for (let i = 0; i < options.warmup + options.iterations; i++) {
      const order = i % 2 ? (['readline', 'rivulet'] as const) : (['rivulet', 'readline'] as const);
      for (const name of order) {
        const run = await time(contenders[name]);
        if (i < options.warmup) continue;
        wall[name].push(run.wallMs);
        cpu[name].push(run.cpuMs);
      }
    }

    const row = (name: keyof typeof contenders): string[] => {
      const ms = median(wall[name]);
      return [name, fmt(ms), fmt(Math.min(...wall[name])), fmt(median(cpu[name])), fmt(options.lines / (ms / 1000)), (payload.length / 2 ** 20 / (ms / 1000)).toFixed(1)];
    };
    console.log('');
    printTable(['contender', 'median ms', 'best ms', 'median CPU ms', 'lines/s', 'MiB/s'], [row('rivulet'), row('readline')]);
    const ratios = wall.rivulet.map((ms, i) => wall.readline[i]! / ms);
    const cpuRatio = median(cpu.readline) / median(cpu.rivulet);
    console.log('');
    console.log(
      `Rivulet / readline throughput: ${median(ratios).toFixed(2)}× (median of rounds; range ` +
        `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; by CPU time ${cpuRatio.toFixed(2)}×)`,
    );
  } finally {
    rddContext.stop();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
