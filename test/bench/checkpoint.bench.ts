/**
 * Per-batch overhead of checkpointing a large `updateStateByKey` state, through the whole engine:
 * a state of `--keys` keys (default 100,000) partitioned in 2, where each batch adds `--updates`
 * records (1,000) to random keys, run under a `ManualClock` one batch at a time. A batch's time is
 * from `clock.advance` until it settles: generating, running the job, serialising the checkpointed
 * state (checkpoint/serialize), and the metadata checkpoints the clock waits for (hashing, writing).
 *
 * Modes (the state is checkpointed every `interval` batches; metadata checkpoints every batch):
 *   baseline      the state never checkpointed in the run (interval 1000), MemoryCheckpointStore
 *   memory/1      every batch, MemoryCheckpointStore          (serialise + hash, no disk)
 *   directory/1   every batch, NodeDirectoryCheckpointStore  (+ write, fsync, rename)
 *   directory/10  every 10 batches (Spark's default: the multiple of the slide ≥ 10 s)
 *   indexeddb/1   every batch, IndexedDbCheckpointStore over fake-indexeddb (with --idb 1; an
 *                 in-memory IndexedDB in Node, not a browser's: see README for the browser)
 *
 *   node test/bench/run.mjs checkpoint [--keys 100000] [--updates 1000] [--batches 20] [--warmup 5] [--idb 0|1]
 */
// An in-memory IndexedDB for the indexeddb/1 mode (installs globals only; nothing else uses them).
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CheckpointStore,
  ManualClock,
  MemoryCheckpointStore,
  NodeDirectoryCheckpointStore,
  Seconds,
  StreamingContext,
} from '../../core/src/node.ts';
import { TestInputStream } from '../../core/src/testing/index.ts';
import { deserialize, serialize } from '../../core/src/checkpoint/serialize.ts';
import { fmt, median, mulberry32, parseOptions, printTable, time } from './support.ts';

const options = parseOptions('checkpoint.bench', process.argv.slice(2), { keys: 100_000, updates: 1000, batches: 20, warmup: 5, idb: 0 });
const quiet = { debug() {}, info() {}, warn() {}, error: (message: string, ...details: unknown[]) => console.error(message, ...details) };

interface Mode {
  readonly name: string;
  readonly interval: number;
  readonly store: () => Promise<{ store: CheckpointStore; dispose: () => Promise<void> }>;
}

interface Result {
  readonly mode: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Alone, after the run: a checkpoint whose state part is new (hash, write, sync), and one repeating it. */
  readonly writeNewMs: number;
  readonly writeSameMs: number;
  readonly stateBytes: number;
  readonly storedBytes: number;
}

/**
 * The store's own cost for the run's last checkpoint, timed alone (nothing else runs): written
 * again with its newest state part changed (new content), then once more unchanged (shared).
 */
async function isolatedWrites(store: CheckpointStore): Promise<{ writeNewMs: number; writeSameMs: number }> {
  const latest = await store.readLatest();
  if (!latest) return { writeNewMs: 0, writeSameMs: 0 };
  const parts = new Map(latest.parts);
  const newest = [...parts.keys()].filter((name) => name.startsWith('rdd-')).sort().at(-1);
  if (newest === undefined) return { writeNewMs: 0, writeSameMs: 0 };
  const newNs: number[] = [];
  const sameNs: number[] = [];
  for (let i = 1; i <= 5; i++) {
    parts.set(newest, `${latest.parts.get(newest)!}${' '.repeat(i)}`);
    newNs.push((await time(() => store.write(latest.time + 2 * i * 1000, parts))).wallMs);
    sameNs.push((await time(() => store.write(latest.time + (2 * i + 1) * 1000, parts))).wallMs);
  }
  return { writeNewMs: median(newNs), writeSameMs: median(sameNs) };
}

/** The batches' input: `updates` keys drawn at random each batch. */
function makeInput(batches: number): string[][] {
  const random = mulberry32(42);
  return Array.from({ length: batches }, () => Array.from({ length: options.updates }, () => `key-${Math.floor(random() * options.keys)}`));
}

async function run(mode: Mode, input: string[][]): Promise<Result> {
  const { store, dispose } = await mode.store();
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: quiet, master: 'local[2]' });
  ssc.checkpoint(store);
  const initial = ssc.rddContext.parallelize(
    Array.from({ length: options.keys }, (_, i): [string, number] => [`key-${i}`, 0]),
    2,
  );
  let lastCount = 0;
  new TestInputStream(ssc, input, 2)
    .map((key): [string, number] => [key, 1])
    .updateStateByKey((values: number[], state: number | undefined) => (state ?? 0) + values.length, 2, initial)
    .checkpoint(Seconds(mode.interval))
    .foreachRDD(async (rdd) => void (lastCount = await rdd.count()));
  ssc.start();
  const wall: number[] = [];
  const cpu: number[] = [];
  try {
    for (let i = 0; i < options.warmup + options.batches; i++) {
      const { wallMs, cpuMs } = await time(() => clock.advance(1000));
      if (i >= options.warmup) {
        wall.push(wallMs);
        cpu.push(cpuMs);
      }
    }
    if (lastCount !== options.keys) throw new Error(`checkpoint.bench: the state has ${lastCount} keys, not ${options.keys}`);
  } finally {
    await ssc.stop();
  }
  const latest = await store.readLatest();
  const stateBytes = [...(latest?.parts ?? [])].filter(([name]) => name.startsWith('rdd-')).reduce((sum, [, part]) => sum + part.length, 0);
  const storedBytes = (await store.usage()).contentBytes;
  // CPU per batch as the mean over the timed batches: a batch's completion checkpoint may be written
  // while the next batch is timed, so a sum bills every write once where a median might not.
  const { writeNewMs, writeSameMs } = await isolatedWrites(store);
  await dispose();
  return {
    mode: mode.name,
    wallMs: median(wall),
    cpuMs: cpu.reduce((a, b) => a + b, 0) / cpu.length,
    writeNewMs,
    writeSameMs,
    stateBytes,
    storedBytes,
  };
}

async function directoryStore(): Promise<{ store: CheckpointStore; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rivulet-bench-checkpoint-'));
  const store = new NodeDirectoryCheckpointStore(dir, { logger: quiet });
  return { store, dispose: async () => (await store.close(), await rm(dir, { recursive: true, force: true })) };
}

async function memoryStore(): Promise<{ store: CheckpointStore; dispose: () => Promise<void> }> {
  return { store: new MemoryCheckpointStore({ logger: quiet }), dispose: async () => undefined };
}

let idbCount = 0;
async function indexedDbStore(): Promise<{ store: CheckpointStore; dispose: () => Promise<void> }> {
  const { IndexedDbCheckpointStore } = await import('../../core/src/platform/browser/IndexedDbCheckpointStore.ts');
  const store = new IndexedDbCheckpointStore(`bench-${idbCount++}`, { logger: quiet });
  return { store, dispose: () => store.close() };
}

async function main(): Promise<void> {
  const modes: Mode[] = [
    { name: 'baseline', interval: 1000, store: memoryStore },
    { name: 'memory/1', interval: 1, store: memoryStore },
    { name: 'directory/1', interval: 1, store: directoryStore },
    { name: 'directory/10', interval: 10, store: directoryStore },
    ...(options.idb ? [{ name: 'indexeddb/1', interval: 1, store: indexedDbStore }] : []),
  ];
  const input = makeInput(options.warmup + options.batches);
  console.log(
    `checkpoint: updateStateByKey over ${fmt(options.keys)} keys in 2 partitions, ${fmt(options.updates)} updates per batch; ` +
      `median of ${options.batches} batches after ${options.warmup} warm-up; Node ${process.version}`,
  );
  const results: Result[] = [];
  for (const mode of modes) results.push(await run(mode, input));
  const base = results[0]!;
  console.log('');
  printTable(
    ['mode', 'wall ms/batch (median)', 'CPU ms/batch (mean)', 'CPU overhead ms', 'write new ms', 'write same ms', 'state parts MB', 'stored MB'],
    results.map((r) => [
      r.mode,
      r.wallMs.toFixed(1),
      r.cpuMs.toFixed(1),
      r === base ? '—' : (r.cpuMs - base.cpuMs).toFixed(1),
      r === base ? '—' : r.writeNewMs.toFixed(1),
      r === base ? '—' : r.writeSameMs.toFixed(1),
      (r.stateBytes / 1e6).toFixed(2),
      (r.storedBytes / 1e6).toFixed(1),
    ]),
  );
  // What the engine itself adds per checkpointed state: serialising the partitions once (in the
  // job), and reading them back on recovery.
  const partitions = [0, 1].map((p) =>
    Array.from({ length: options.keys / 2 }, (_, i): [string, number] => [`key-${2 * i + p}`, i % 97]),
  );
  const ser: number[] = [];
  const de: number[] = [];
  let text = '';
  for (let i = 0; i < 7; i++) {
    ser.push((await time(() => (text = serialize(partitions)))).cpuMs);
    de.push((await time(() => deserialize(text))).cpuMs);
  }
  console.log('');
  printTable(
    ['serialiser (100k [string, number] pairs)', 'CPU ms', 'MB'],
    [
      ['serialize (plain-JSON fast path)', median(ser).toFixed(1), (text.length / 1e6).toFixed(2)],
      ['deserialize', median(de).toFixed(1), ''],
    ],
  );
}

await main();
