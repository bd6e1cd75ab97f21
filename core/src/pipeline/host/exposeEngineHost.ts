import { expose, type Endpoint } from 'comlink';
import { EngineHost, type EngineHostOptions } from './EngineHost.js';
import { installErrorTransfer } from './errorTransfer.js';

/**
 * The worker side of an engine: an `EngineHost` served over `endpoint` (the worker's global
 * scope in a browser, `nodeEndpoint(parentPort)` in Node), with errors keeping their codes.
 */
export function exposeEngineHost(endpoint: Endpoint, options?: EngineHostOptions): EngineHost {
  installErrorTransfer();
  const host = new EngineHost(options);
  expose(host, endpoint);
  return host;
}
