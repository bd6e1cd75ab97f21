import { EngineClient, type EngineClientOptions } from '../../pipeline/host/EngineClient.js';

/** Options of `createBrowserEngine`. */
export interface BrowserEngineOptions extends Omit<EngineClientOptions, 'endpoint' | 'terminate'> {
  /** Creates the worker; default: the engine's own module worker. (A page built without Vite may need its own URL.) */
  readonly createWorker?: () => Worker;
}

/**
 * An engine in a new module worker, and the page's client for it. The pattern
 * `new Worker(new URL(…, import.meta.url), { type: 'module' })` lets Vite (and other bundlers)
 * bundle the worker with the page.
 */
export function createBrowserEngine(options: BrowserEngineOptions = {}): EngineClient {
  const worker =
    options.createWorker?.() ?? new Worker(new URL('../../pipeline/host/browserWorker.js', import.meta.url), { type: 'module' });
  const client = new EngineClient({ ...options, endpoint: worker, terminate: () => worker.terminate() });
  // A worker whose script fails to load or throws outside any call ends the client, instead of
  // leaving its calls pending forever.
  worker.addEventListener('error', (event) => client.terminate(event.message || 'the worker failed to load'), { once: true });
  return client;
}
