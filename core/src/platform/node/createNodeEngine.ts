import { Worker, type WorkerOptions } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { EngineClient, type EngineClientOptions } from '../../pipeline/host/EngineClient.js';

/** Options of `createNodeEngine`. */
export interface NodeEngineOptions extends Omit<EngineClientOptions, 'endpoint' | 'terminate'> {
  /**
   * The worker script. Default: the built `nodeEngineWorker.js` beside this module (in `dist/`);
   * running from TypeScript sources, pass a bundled one (the tests bundle it with Vite).
   */
  readonly workerUrl?: URL;
  /** Passed to `new Worker`: e.g. `resourceLimits` to cap a pipeline's heap, or `execArgv`. */
  readonly workerOptions?: WorkerOptions;
}

/** An engine in a new `worker_threads` worker, and the client for it (the Node twin of `createBrowserEngine`). */
export function createNodeEngine(options: NodeEngineOptions = {}): EngineClient {
  const worker = new Worker(options.workerUrl ?? new URL('./nodeEngineWorker.js', import.meta.url), options.workerOptions);
  const client = new EngineClient({ ...options, endpoint: nodeEndpoint(worker), terminate: () => worker.terminate() });
  // A worker that fails (a missing script, an error thrown outside any call) or exits ends the
  // client, instead of leaving its calls pending forever.
  worker.once('error', (error) => client.terminate(error));
  worker.once('exit', (code) => client.terminate(`it exited with code ${code}`));
  return client;
}
