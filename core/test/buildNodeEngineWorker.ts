/**
 * vitest globalSetup of the core-node project: bundles the engine's `worker_threads` entry with
 * Vite into core/.test-dist/nodeEngineWorker.js. Node 20 cannot run a `.ts` file in a worker
 * (and a worker that fails to load would leave its calls hanging), so the tests start this bundle.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({
    root: fileURLToPath(new URL('..', import.meta.url)),
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: 'src/platform/node/nodeEngineWorker.ts',
      outDir: '.test-dist',
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { output: { entryFileNames: 'nodeEngineWorker.js', format: 'es' } },
    },
  });
}
