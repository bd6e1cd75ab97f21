#!/usr/bin/env node
/**
 * The `rivulet` command. It lives outside dist/ so that npm links it when the package is installed,
 * even in a fresh clone of the repository where core has not been built yet.
 */
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/rivulet.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('rivulet: the package is not built (dist/cli/rivulet.js is missing); run `npm run build -w core` first.');
  process.exit(1);
}
await import(cli.href);
