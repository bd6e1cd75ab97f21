/**
 * Checkpoint store cost for a large state: a 100k-key state part (the JSON of 100k `[key, count]`
 * pairs, about 2 MB) written to a `NodeDirectoryCheckpointStore` in a temporary directory, once
 * per checkpoint, and read back with `readLatest` (which verifies it). Three cases per round:
 * the state changed since the last checkpoint (new content: hash, write, fsync, rename), the
 * state did not change (the same string again: neither hashed nor written, only a small
 * manifest), and reading.
 * The primitives under them (UTF-8, SHA-256, CRC-32) are timed alone for comparison.
 *
 *   node test/bench/run.mjs checkpointStore [--keys 100000] [--warmup 2] [--iterations 10]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from '../../core/src/checkpoint/crc32.ts';
import { sha256Hex } from '../../core/src/checkpoint/contentHash.ts';
// The Node entry (not `rivulet`, whose typecheck-time `source` condition is the browser entry).
import { NodeDirectoryCheckpointStore } from '../../core/src/node.ts';
import { fmt, median, parseOptions, printTable, time } from './support.ts';

const options = parseOptions('checkpointStore.bench', process.argv.slice(2), { keys: 100_000, warmup: 2, iterations: 10 });

/** The state after batch `batch`: every key's count moves, so each batch's part is new content. */
const statePart = (keys: number, batch: number): string => {
  const pairs = new Array<[string, number]>(keys);
  for (let i = 0; i < keys; i++) pairs[i] = [`key-${i}`, i + batch];
  return JSON.stringify(pairs);
};

type Step = 'writeNew' | 'writeSame' | 'readLatest' | 'stringify' | 'encode' | 'sha256' | 'crc32' | 'decode';
const labels: Record<Step, string> = {
  writeNew: 'write, state changed (new content)',
  writeSame: 'write, state unchanged (shared)',
  readLatest: 'readLatest (read, verify, decode)',
  stringify: 'JSON.stringify of the state (engine)',
  encode: '  UTF-8 encode',
  sha256: '  SHA-256 (crypto.subtle)',
  crc32: '  CRC-32 (slicing-by-8, JS)',
  decode: '  UTF-8 decode',
};

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rivulet-bench-checkpoint-'));
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const store = new NodeDirectoryCheckpointStore(dir, { logger: quiet });
  const wall = Object.fromEntries(Object.keys(labels).map((k) => [k, [] as number[]])) as Record<Step, number[]>;
  const cpu = Object.fromEntries(Object.keys(labels).map((k) => [k, [] as number[]])) as Record<Step, number[]>;
  let bytes = 0;
  try {
    let checkpointTime = 0;
    for (let i = 0; i < options.warmup + options.iterations; i++) {
      const record = (step: Step, sample: { wallMs: number; cpuMs: number }): void => {
        if (i < options.warmup) return;
        wall[step].push(sample.wallMs);
        cpu[step].push(sample.cpuMs);
      };
      const stringified = await time(() => statePart(options.keys, i));
      record('stringify', stringified);
      const state = stringified.result;
      const parts = new Map([['state', state], ['graph', '{"streams":3}']]);
      record('writeNew', await time(() => store.write((checkpointTime += 1000), parts)));
      record('writeSame', await time(() => store.write((checkpointTime += 1000), parts)));
      const read = await time(() => store.readLatest());
      if (read.result?.parts.get('state') !== state) throw new Error('checkpointStore.bench: readLatest returned another state');
      record('readLatest', read);
      const encoded = await time(() => new TextEncoder().encode(state));
      record('encode', encoded);
      bytes = encoded.result.length;
      record('sha256', await time(() => sha256Hex(encoded.result)));
      record('crc32', await time(() => crc32(encoded.result)));
      record('decode', await time(() => new TextDecoder().decode(encoded.result)));
    }
    const usage = await store.usage();
    const mb = bytes / 1e6;
    console.log(
      `checkpoint store: ${fmt(options.keys)}-key state part, ${mb.toFixed(2)} MB UTF-8; NodeDirectoryCheckpointStore in ${tmpdir()}; ` +
        `${options.warmup} warm-up + ${options.iterations} timed rounds; Node ${process.version}; ` +
        `store after the run: ${usage.contents} contents, ${(usage.contentBytes / 1e6).toFixed(1)} MB (10 checkpoints kept)`,
    );
    console.log('');
    const rows = (Object.keys(labels) as Step[]).map((step) => {
      const ms = median(wall[step]);
      return [labels[step], ms.toFixed(2), Math.min(...wall[step]).toFixed(2), median(cpu[step]).toFixed(2), fmt(mb / (ms / 1000))];
    });
    printTable(['step', 'median ms', 'best ms', 'median CPU ms', 'MB/s'], rows);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
