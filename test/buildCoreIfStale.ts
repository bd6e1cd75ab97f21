/**
 * The cross project's globalSetup: builds core/dist once, before any suite runs, when it is missing
 * or older than core/src — so suites that run the built package (the examples, the packed
 * package) never see yesterday's build. `npm test` has just built it, so there this does nothing.
 *
 * It builds into a fresh directory and swaps it in with renames, rather than `npm run build`'s
 * delete-then-compile: several test runs may share one checkout, and a process that starts while
 * another rebuilds must find a whole dist/, not a half-written one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const core = join(repo, 'core');
const dist = join(core, 'dist');

export default function setup(): void {
  if (!isDistStale()) return;
  const fresh = join(core, `.dist-${process.pid}`);
  const old = join(core, `.dist-old-${process.pid}`);
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  // What `npm run build` does, into `fresh`: compile, then copy the files tsc does not emit.
  for (const args of [[tsc, '-p', 'tsconfig.build.json', '--outDir', fresh], [join('scripts', 'copyAssets.mjs'), fresh]]) {
    const result = spawnSync(process.execPath, args, { cwd: core, encoding: 'utf8' });
    if (result.status === 0) continue;
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`building core failed:\n${result.stdout}${result.stderr}`);
  }
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(fresh, dist);
  rmSync(old, { recursive: true, force: true });
}

function isDistStale(): boolean {
  if (!existsSync(join(dist, 'index.js'))) return true;
  const mtimes = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs);
  return Math.max(...mtimes(join(core, 'src'))) > Math.min(...mtimes(dist));
}
