/**
 * The engine's browser module worker: `createBrowserEngine` starts it with
 * `new Worker(new URL(…), { type: 'module' })`. Importing the browser entry registers the
 * browser platform (IndexedDB outputs and checkpoints) in the worker.
 */
import type { Endpoint } from 'comlink';
import '../../browser.js';
import { exposeEngineHost } from './exposeEngineHost.js';

exposeEngineHost(globalThis as unknown as Endpoint);
