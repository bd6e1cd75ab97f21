/**
 * The browser benchmarks (`*.bench.test.ts` here), in Debian's Chromium through vitest's browser
 * mode with the core-browser project's launch flags. Never part of `npm test`: the root config's
 * projects do not include test/bench/**. Run them with `npm run bench:browser`.
 */
import { fileURLToPath } from 'node:url';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from '../../e2e/chromium.ts';

export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  // `rivulet` resolves to core/src through the `source` condition, as in the root config.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  test: {
    name: 'bench-browser',
    include: ['test/bench/browser/**/*.bench.test.ts'],
    testTimeout: 600_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
