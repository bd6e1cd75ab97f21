/**
 * The `rivulet` command as a user runs it: the workspace's bin link (what `npx rivulet` runs in the
 * repository) spawned as a child process. `npm test` builds core first (and the cross project's
 * globalSetup rebuilds a stale one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throwingSpec, wordCountSpec } from '../../core/test/unit/pipeline/host/hostFixtures.ts';
import { runFluent } from '../../core/test/unit/pipeline/runPipeline.ts';
import { twins } from '../../core/test/unit/pipeline/twins.ts';
import type { PipelineSpec } from '../../core/src/index.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const core = join(repo, 'core');
const bin = join(repo, 'node_modules', '.bin', 'rivulet');
const examples = join(repo, 'examples', 'pipelines');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rivulet-cli-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the bin with `args` in the temp directory. */
function rivulet(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(bin, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a spec into the temp directory and returns its path. */
function specFile(name: string, spec: PipelineSpec | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  return path;
}

const progressLine = /^batch \d+ ms: \d+ records?, scheduling delay \d+ ms, processing \d+ ms( \(failed\))?$/;

describe('rivulet run', () => {
  it('runs an example headless: what its fluent twin prints on stdout, one progress line per batch on stderr', async () => {
    const twin = twins.wordCount!;
    const { code, stdout, stderr } = rivulet('run', join(examples, 'wordCount.json'), '--batches', String(twin.numBatches));
    expect(stderr.trim().split('\n')).toHaveLength(twin.numBatches);
    for (const line of stderr.trim().split('\n')) expect(line).toMatch(progressLine);
    expect(stderr).toMatch(/^batch 1000 ms: 4 records/);
    expect(code).toBe(0);
    const fluent = await runFluent(twin.batchDurationMs, twin.checkpoint, twin.build, twin.numBatches);
    expect(stdout).toBe(fluent.map((l) => `${l}\n`).join(''));
  });

  it('checkpoints to --checkpoint and resumes from it on the next run', () => {
    const checkpoint = join(dir, 'state');
    const file = join(examples, 'statefulWordCount.json');
    const first = rivulet('run', file, '--batches', '2', '--checkpoint', checkpoint);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Time: 2000 ms');
    const second = rivulet('run', file, '--batches', '2', '--checkpoint', checkpoint);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`resuming from the checkpoint in ${checkpoint} at 2000 ms`);
    expect(second.stdout).toContain('Time: 3000 ms');
    expect(second.stdout).toContain('Time: 4000 ms');
    expect(second.stdout).not.toContain('Time: 1000 ms');
  });

  it('reports a failing batch with the function’s message and exits 1', () => {
    const { code, stderr } = rivulet('run', specFile('throws.json', throwingSpec), '--batches', '2');
    expect(code).toBe(1);
    expect(stderr).toMatch(/rivulet: batch 1000 ms: .*boom/);
  });

  it('lists the problems of an invalid spec and exits 1 without running it', () => {
    const bad = wordCountSpec([['a']], '(word) => [word, 1');
    const { code, stdout, stderr } = rivulet('run', specFile('bad.json', bad), '--batches', '1');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("node 'pairs' (mapFunc)");
    expect(stderr).toContain('[FUNCTION_SYNTAX]');
  });

  it('runs on real time until interrupted, then stops and exits 0', async () => {
    const child = spawn(bin, ['run', join(examples, 'wordCount.json')], { cwd: dir });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`rivulet exited (${code}) before its first batch:\n${stderr}`)));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
        if (stderr.includes('batch 1000 ms')) resolve();
      });
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Time: 1000 ms');
  });
});

describe('rivulet validate', () => {
  it('says a valid spec is valid', () => {
    const { code, stdout } = rivulet('validate', join(examples, 'windowedCounts.json'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/windowedCounts\.json: valid \(\d+ nodes, \d+ edges\)\n$/);
  });

  it('lists every problem with its node and exits 1', () => {
    const spec = wordCountSpec([['a']], '(word) => [word, 1');
    const broken = { ...spec, edges: [...spec.edges, { id: 'dangling', source: 'counts', target: 'nowhere' }] };
    const { code, stdout } = rivulet('validate', specFile('broken.json', broken));
    expect(code).toBe(1);
    expect(stdout).toMatch(/broken\.json: 2 problems\n/);
    expect(stdout).toContain("node 'pairs' (mapFunc):");
    expect(stdout).toMatch(/edge 'dangling': .*\[UNKNOWN_NODE\]/);
  });

  it('rejects text that is not JSON', () => {
    const { code, stdout } = rivulet('validate', specFile('text.json', 'not json'));
    expect(code).toBe(1);
    expect(stdout).toContain('[INVALID_JSON]');
  });
});

describe('rivulet export', () => {
  it('prints the pipeline as a TypeScript program', () => {
    const { code, stdout, stderr } = rivulet('export', join(examples, 'wordCount.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain("from 'rivulet'");
    expect(stdout).toContain('ssc.start();');
  });

  it('refuses an invalid spec, exiting 1', () => {
    const { code, stdout, stderr } = rivulet('export', specFile('bad-export.json', wordCountSpec([['a']], '(word) => [word, 1')));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("node 'pairs' (mapFunc)");
  });
});

describe('rivulet usage', () => {
  it.each([
    [[], 'no command given'],
    [['launch', 'x.json'], "unknown command 'launch'"],
    [['run'], "'run' needs a pipeline file"],
    [['run', 'a.json', 'b.json'], "'run' takes one pipeline file"],
    [['run', 'a.json', '--batches', '0'], '--batches must be a positive whole number'],
    [['run', 'a.json', '--batches'], "option '--batches' needs a value"],
    [['validate', 'a.json', '--checkpoint', 'd'], "unknown option '--checkpoint' for 'validate'"],
  ])('%j is a usage error: exit 2 with the usage on stderr', (args, message) => {
    const { code, stdout, stderr } = rivulet(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`rivulet: ${message}`);
    expect(stderr).toContain('Usage: rivulet <command> <pipeline.json>');
  });

  it('prints the usage for --help and the version for --version', () => {
    expect(rivulet('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Commands:') });
    const { version } = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')) as { version: string };
    expect(rivulet('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('says when the file does not exist, exiting 1', () => {
    const { code, stderr } = rivulet('run', 'missing.json');
    expect(code).toBe(1);
    expect(stderr).toBe("rivulet: cannot read 'missing.json': no such file\n");
  });

  it('says to build the package when it runs before core/dist exists', () => {
    const unbuilt = join(dir, 'unbuilt');
    mkdirSync(join(unbuilt, 'bin'), { recursive: true });
    copyFileSync(join(core, 'bin', 'rivulet.js'), join(unbuilt, 'bin', 'rivulet.js'));
    const result = spawnSync(process.execPath, [join(unbuilt, 'bin', 'rivulet.js'), '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not built.*npm run build -w core/);
  });

  it('is the package bin: an executable script with a shebang, linked by the install', () => {
    const { bin: bins } = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const script = join(core, bins.rivulet!);
    expect(realpathSync(bin)).toBe(realpathSync(script));
    expect(readFileSync(script, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(script).mode & 0o111).not.toBe(0);
  });
});
