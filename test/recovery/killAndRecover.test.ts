/**
 * Kill-and-recover loops in a real child process: the program of recoveryChild.ts checkpoints to a
 * Node directory and is killed with SIGKILL at seeded random moments — after a random number of
 * batches plus a random few milliseconds, so deaths land mid-batch, mid-checkpoint-write and
 * between the two — then started again until it completes. For the deterministic pipelines, the
 * outputs de-duplicated by batch time must equal those of a run without failures, batch for batch
 * (and every attempt at a batch must have produced the same output); the final state is the last
 * batch's output. For the receiver fed through the write-ahead log, no record may be lost.
 *
 * The child is TypeScript, which Node 20 cannot run: `beforeAll` bundles it with Vite — the same
 * way test/bench/run.mjs bundles benchmarks — resolving `rivulet` to core/src through the `source`
 * condition, so the test always runs the current sources and needs no build of core/dist.
 * (`core/dist` would be stale whenever `vitest run` is used without `npm test`'s build step.)
 * Set KEEP_RECOVERY=1 to keep the checkpoint directories and outputs in the temp directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defaultServerConditions } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(repo, 'node_modules', '.cache', 'rivulet-recovery');
const childScript = join(outDir, 'recoveryChild.mjs');
const TOTAL_BATCHES = 24;
const KILLS = 4;

let work = '';

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repo,
    ssr: { noExternal: true, resolve: { conditions: ['source', ...defaultServerConditions] } },
    build: {
      ssr: join(repo, 'test', 'recovery', 'recoveryChild.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      rolldownOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
  work = mkdtempSync(join(tmpdir(), 'rivulet-recovery-'));
});

afterAll(() => {
  if (work && !process.env.KEEP_RECOVERY) rmSync(work, { recursive: true, force: true });
});

/** mulberry32, for the kill moments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RunResult {
  readonly completed: boolean;
  readonly batchesSeen: number;
}

/**
 * Runs the child once; with `killAfterBatches`, sends SIGKILL `delayMs` after it reports that many
 * more batches. Resolves when it exits, telling whether it finished.
 */
function runChild(dir: string, pipeline: string, output: string, kill?: { afterBatches: number; delayMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', childScript, dir, pipeline, output, String(TOTAL_BATCHES)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let batches = 0;
    let completed = false;
    let killScheduled = false;
    const scheduleKill = (delayMs: number): void => {
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      stdout = lines.pop()!;
      for (const line of lines) {
        if (line === 'done') completed = true;
        if (line === 'finished') {
          // Every batch ran before the kill's moment came: kill now instead, so each attempt with a
          // kill really is killed; otherwise let the child exit.
          if (!kill) child.stdin.end('exit\n');
          else if (!killScheduled) scheduleKill(0);
        }
        if (!line.startsWith('batch ')) continue;
        batches++;
        if (kill && !killScheduled && batches >= kill.afterBatches) scheduleKill(kill.delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ completed: completed && code === 0, batchesSeen: batches });
      else reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

interface OutputLine {
  readonly name: string;
  readonly t: number;
  readonly out: readonly string[];
}

/** The complete JSON lines of an output file (a torn last line from a kill is ignored). */
function readOutputs(path: string): OutputLine[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const complete = lines.slice(0, -1); // after the last '\n': empty, or torn by the kill
  return complete.map((line) => JSON.parse(line) as OutputLine);
}

/** Each (output, batch time) once; throws if two attempts at one batch produced different outputs. */
function deduplicated(lines: readonly OutputLine[]): Map<string, readonly string[]> {
  const byKey = new Map<string, readonly string[]>();
  for (const line of lines) {
    const key = `${line.name}@${line.t}`;
    const previous = byKey.get(key);
    if (previous && JSON.stringify(previous) !== JSON.stringify(line.out)) {
      throw new Error(`batch ${key} produced ${JSON.stringify(previous)} and then ${JSON.stringify(line.out)}`);
    }
    byKey.set(key, line.out);
  }
  return byKey;
}

/** Runs `pipeline` with KILLS seeded kills, then to completion; returns all outputs and how many runs it took. */
async function runWithKills(pipeline: string, seed: number): Promise<{ outputs: OutputLine[]; kills: number }> {
  const dir = join(work, `${pipeline}-killed`);
  const output = join(work, `${pipeline}-killed.jsonl`);
  const next = random(seed);
  let kills = 0;
  for (let attempt = 0; attempt < KILLS + 10; attempt++) {
    const kill = kills < KILLS ? { afterBatches: 1 + Math.floor(next() * 6), delayMs: Math.floor(next() * 12) } : undefined;
    const result = await runChild(dir, pipeline, output, kill);
    if (result.completed) break;
    kills++;
  }
  return { outputs: readOutputs(output), kills };
}

async function reference(pipeline: string): Promise<OutputLine[]> {
  const output = join(work, `${pipeline}-reference.jsonl`);
  const result = await runChild(join(work, `${pipeline}-reference`), pipeline, output);
  expect(result.completed).toBe(true);
  return readOutputs(output);
}

const deterministic: [string, number][] = [
  ['stateless', 11],
  ['updateStateByKey', 23],
  ['mapWithState', 37],
  ['inverseWindow', 41],
];

describe('kill and recover', () => {
  for (const [pipeline, seed] of deterministic) {
    it(`${pipeline}: outputs and final state equal the run without failures`, async () => {
      const expected = deduplicated(await reference(pipeline));
      const { outputs, kills } = await runWithKills(pipeline, seed);
      expect(kills).toBe(KILLS);
      const actual = deduplicated(outputs);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, out] of expected) expect(actual.get(key), key).toEqual(out);
      const last = (map: Map<string, readonly string[]>) =>
        [...map].filter(([key]) => key.endsWith(`@${TOTAL_BATCHES * 100}`)).sort();
      expect(last(actual)).toEqual(last(expected));
    });
  }

  it('receiverWal: a receiver-fed pipeline killed mid-batch loses no record', async () => {
    const { outputs, kills } = await runWithKills('receiverWal', 53);
    expect(kills).toBe(KILLS);
    const byBatch = deduplicatedLastWins(outputs);
    const received = new Set([...byBatch.values()].flat().map((r) => JSON.parse(r) as string));
    const total = TOTAL_BATCHES * 10 - 20;
    const missing = Array.from({ length: total }, (_, i) => `r${i}`).filter((r) => !received.has(r));
    expect(missing).toEqual([]);
  });
});

/**
 * Outputs by batch time, the last attempt winning: a receiver's batch re-run after recovery gets
 * the blocks the log allocated to it, but blocks still queued at the kill may land in a later batch.
 */
function deduplicatedLastWins(lines: readonly OutputLine[]): Map<string, readonly string[]> {
  return new Map(lines.map((line) => [`${line.name}@${line.t}`, line.out]));
}
