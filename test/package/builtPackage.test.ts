/**
 * The published package, as an npm user gets it: core/ is packed the way `npm publish` packs it,
 * unpacked into node_modules/rivulet of a temp project outside the repo, then imported from plain
 * Node ESM and typechecked with plain tsc — no Vite, no `source` condition, no workspace links.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const core = join(repo, 'core');
const dist = join(core, 'dist');

let project = ''; // the temp npm project
let packedFiles: string[] = [];

beforeAll(() => {
  // `npm test` builds core just before vitest runs; rebuild only if dist/ is missing or stale,
  // so a bare `vitest run` never tests yesterday's build.
  if (isDistStale()) run('npm', ['run', 'build', '-w', 'core'], repo);

  project = mkdtempSync(join(tmpdir(), 'rivulet-package-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // --ignore-scripts: dist/ is fresh, so skip `prepack` (which rebuilds it for `npm publish`).
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], core));
  packedFiles = packed.files.map((f: { path: string }) => f.path);

  const installed = join(project, 'node_modules', 'rivulet');
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', join(project, packed.filename), '-C', installed, '--strip-components=1'], project);
  // Runtime dependencies (and @types/node, which a Node user has) come from the workspace install.
  const { dependencies = {} } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const name of [...Object.keys(dependencies), '@types/node']) {
    const target = join(project, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), target, 'dir');
  }
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the built rivulet package', () => {
  it('ships only dist/, the bin and package.json', () => {
    expect(packedFiles).toContain('dist/index.js');
    expect(packedFiles).toContain('dist/index.d.ts');
    expect(packedFiles.filter((f) => !f.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE|bin\/rivulet\.js)$/.test(f))).toEqual([]);
  });

  it('runs its `rivulet` bin', () => {
    const installed = join(project, 'node_modules', 'rivulet');
    const { bin } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    const spec = join(repo, 'examples', 'pipelines', 'wordCount.json');
    const result = spawnSync(join(installed, bin.rivulet), ['validate', spec], { cwd: project, encoding: 'utf8' });
    expect(result.stdout).toMatch(/wordCount\.json: valid/);
    expect(result.status).toBe(0);
  });

  it('exports the PipelineSpec JSON Schema', () => {
    const out = node(`
      import { createRequire } from 'node:module';
      const path = createRequire(import.meta.url).resolve('rivulet/pipelineSpec.schema.json');
      console.log(JSON.stringify({ path, schema: createRequire(import.meta.url)(path) }));
    `);
    const { path, schema } = JSON.parse(out);
    expect(path).toMatch(/\/node_modules\/rivulet\/dist\/pipeline\/pipelineSpec\.schema\.json$/);
    expect(schema).toEqual(JSON.parse(readFileSync(join(core, 'src', 'pipeline', 'pipelineSpec.schema.json'), 'utf8')));
  });

  it('resolves to dist/ from plain Node, with the node condition', () => {
    const out = node(`
      console.log(JSON.stringify([import.meta.resolve('rivulet'), import.meta.resolve('rivulet/testing')]));
    `);
    const [main, testing] = JSON.parse(out) as string[];
    expect(main).toMatch(/\/node_modules\/rivulet\/dist\/node\.js$/);
    expect(testing).toMatch(/\/node_modules\/rivulet\/dist\/testing\/index\.js$/);
  });

  it('runs a word count from plain Node ESM', () => {
    const out = node(`
      import { RDDContext } from 'rivulet';
      const sc = new RDDContext({ master: 'local[2]' });
      const counts = await sc.parallelize(['a b', 'b'], 2)
        .flatMap((line) => line.split(' '))
        .map((word) => [word, 1])
        .reduceByKey((a, b) => a + b)
        .collect();
      console.log(JSON.stringify(counts.sort()));
    `);
    expect(JSON.parse(out)).toEqual([['a', 1], ['b', 2]]);
  });

  it('has declarations without @internal members', () => {
    expect(existsSync(join(dist, 'index.d.ts'))).toBe(true);
    expect(readFileSync(join(dist, 'rdd', 'RDD.d.ts'), 'utf8')).not.toContain('@internal');
  });

  it('typechecks a consumer with plain tsc (nodenext, declarations checked too)', () => {
    writeFileSync(join(project, 'consumer.ts'), `
      import { RDDContext } from 'rivulet';
      const sc = new RDDContext({ master: 'local[2]' });
      export const counts = sc.parallelize(['a b', 'b'], 2)
        .flatMap((line) => line.split(' '))
        .map((word): [string, number] => [word, 1])
        .reduceByKey((a, b) => a + b)
        .collect();
    `);
    // Declaration files are checked too (no skipLibCheck), so a public declaration that points at a
    // stripped @internal type fails here; only TypeScript's own lib files are skipped, for speed.
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--skipDefaultLibCheck', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', 'consumer.ts'];
    const result = spawnSync(process.execPath, [tsc, ...args], { cwd: project, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

/** Runs an ES module body with plain `node` in the temp project and returns its stdout. */
function node(source: string): string {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: project,
    encoding: 'utf8',
    timeout: 30_000, // a pool that keeps the process alive is a bug an npm user would hit too
  });
  if (result.status !== 0) throw new Error(`node exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  return result.stdout;
}

/** Runs a command and returns its stdout; on failure, the error carries all of its output (tsc's errors go to stdout). */
function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

function isDistStale(): boolean {
  if (!existsSync(join(dist, 'index.js'))) return true;
  const mtimes = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs);
  return Math.max(...mtimes(join(core, 'src'))) > Math.min(...mtimes(dist));
}
