/**
 * Runs one benchmark of test/bench/ with plain Node, no TypeScript runtime needed:
 * Vite bundles `<name>.bench.ts` (and the engine, from core/src through the `source` condition)
 * into one ES module under node_modules/.cache/rivulet-bench/<name>-<pid>/, then Node runs that
 * file. Each run bundles into its own folder, so runs may overlap; the folder is removed after
 * the run unless Node flags were given (a `--cpu-prof` profile points into the bundle).
 *
 *   node test/bench/run.mjs <name> [bench args...]
 *   node test/bench/run.mjs [node flags...] <name> [bench args...]
 *
 * e.g. `node test/bench/run.mjs wordCount --lines 200000`, or, to profile,
 * `node test/bench/run.mjs --cpu-prof --cpu-prof-dir=prof wordCount`.
 * Node flags (before the name, in `--flag=value` form) go to the benchmark's Node process.
 * `--expose-gc` is always on, so a benchmark can collect garbage between timed runs, and so are
 * source maps, so errors point at the TypeScript.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, defaultServerConditions } from 'vite';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const benchDir = join(repo, 'test', 'bench');

const argv = process.argv.slice(2);
const nameAt = argv.findIndex((a) => !a.startsWith('-'));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length));
if (nameAt < 0) {
  console.error(`usage: node test/bench/run.mjs [node flags] <name> [args]; benchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const name = argv[nameAt];
const nodeFlags = argv.slice(0, nameAt);
const benchArgs = argv.slice(nameAt + 1);
const entry = join(benchDir, `${name}.bench.ts`);
if (!existsSync(entry)) {
  console.error(`No benchmark '${name}' (${entry}); available: ${available.join(', ')}`);
  process.exit(2);
}

/** A plugin that replaces `import.meta.url` in the modules under `dir` with their source file's URL. */
function keepImportMetaUrl(dir) {
  return {
    name: 'rivulet-bench:keep-import-meta-url',
    transform(code, id) {
      if (!id.startsWith(dir) || !code.includes('import.meta.url')) return null;
      return { code: code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(id).href)), map: null };
    },
  };
}

const outDir = join(repo, 'node_modules', '.cache', 'rivulet-bench', `${name}-${process.pid}`);
const keepBundle = nodeFlags.length > 0;
try {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repo,
    // `rivulet` resolves to core/src/node.ts, as in the tests; everything is bundled so the
    // output needs no module resolution, and nothing is minified so profiles keep readable names.
    // The exceptions are the tools a benchmark of the editor drives (Vite's preview server,
    // playwright-core, and vitest, which the e2e helpers import): they load from node_modules.
    // Modules under test/ keep their own `import.meta.url` (the e2e helpers find editor/dist by
    // it); elsewhere it is the bundle's, as before.
    plugins: [keepImportMetaUrl(join(repo, 'test'))],
    ssr: {
      noExternal: true,
      external: ['playwright-core', 'vite', 'vitest'],
      resolve: { conditions: ['source', ...defaultServerConditions] },
    },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      write: true,
      target: 'node20', // no down-levelling: class fields and the like stay native
      minify: false,
      sourcemap: true,
      rolldownOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
} catch (error) {
  // Vite has already printed the diagnostics; a stack trace would only bury them.
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`test/bench/run.mjs: bundling ${name}.bench.ts failed: ${message}`);
  rmSync(outDir, { recursive: true, force: true });
  process.exit(1);
}

const bundled = join(outDir, `${name}.bench.mjs`);
const flags = ['--expose-gc', '--enable-source-maps', ...nodeFlags];
const result = spawnSync(process.execPath, [...flags, bundled, ...benchArgs], { stdio: 'inherit', cwd: repo });
if (keepBundle) console.error(`test/bench/run.mjs: bundle kept in ${outDir}`);
else rmSync(outDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
