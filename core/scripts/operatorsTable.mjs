#!/usr/bin/env node
/**
 * Rewrites the `## Operators` table of the root README from the operator registry
 * (`operatorsTableMarkdown()`), between the `<!-- operators:start -->` and `<!-- operators:end -->`
 * markers. Loads the TypeScript sources through Vite, so no build is needed:
 *
 *   node core/scripts/operatorsTable.mjs          # rewrite README.md
 *   node core/scripts/operatorsTable.mjs --check  # exit 1 if README.md is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));
const source = fileURLToPath(new URL('../src/pipeline/operatorsTable.ts', import.meta.url));
const { module } = await runnerImport(source, { configFile: false, logLevel: 'warn' });

const START = '<!-- operators:start -->';
const END = '<!-- operators:end -->';
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md has no ${START} … ${END} section; add one under "## Operators".`);
  process.exit(1);
}
const updated = `${readme.slice(0, start + START.length)}\n${module.operatorsTableMarkdown()}${readme.slice(end)}`;
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md operator table is out of date; run: node core/scripts/operatorsTable.mjs');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.log('README.md operator table updated.');
}
