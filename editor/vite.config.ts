import { defineConfig, defaultClientConditions, defaultServerConditions } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs: the built site (dist/) works from any static host and any subpath.
  base: './',
  // `source` makes `rivulet` resolve to core/src, so the editor never waits for a core build.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  // The engine runs in a module worker (comlink).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Bundling the engine's worker inside `new Worker(new URL(…))` takes seconds by design; Rolldown's
    // "slow plugin" notice about it is not a problem to fix.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
