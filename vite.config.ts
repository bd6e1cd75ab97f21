/**
 * The one vitest config for the workspace: `vitest run` here runs every test project.
 * (The editor has its own vite.config.ts for the app; this file only drives tests.)
 */
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './test/e2e/chromium.ts';

/**
 * `rivulet` and `rivulet/testing` export a `source` condition that points at core/src, so tests
 * run against the TypeScript sources without building dist/ first (editor/vite.config.ts does the
 * same). Plain Node ignores the condition and gets dist/.
 */
const conditions = ['source', ...defaultClientConditions];
const serverConditions = ['source', ...defaultServerConditions];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core-node',
          environment: 'node',
          include: ['core/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'core/test/browser/**'],
          // Bundles the engine's worker_threads entry: Node 20 cannot start a worker from a .ts file.
          globalSetup: ['core/test/buildNodeEngineWorker.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'core-browser',
          include: ['core/test/browser/**/*.test.ts'],
          // A loopback WebSocket/SSE server for the source tests; they get its port with inject().
          globalSetup: ['core/test/browser/loopbackServers.globalSetup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'cross',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/bench/**'],
          // Builds core/dist once if it is stale, for the suites that run the built package.
          globalSetup: ['test/buildCoreIfStale.ts'],
          // These suites build, pack and launch browsers; give them room on a 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
