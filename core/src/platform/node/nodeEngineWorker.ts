/**
 * The engine's `worker_threads` entry: `createNodeEngine` starts it. Importing the Node entry
 * registers the Node platform (local files, directory checkpoints) in the worker.
 */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import '../../node.js';
import { exposeEngineHost } from '../../pipeline/host/exposeEngineHost.js';

if (!parentPort) throw new Error('nodeEngineWorker must run in a worker thread; use createNodeEngine().');
exposeEngineHost(nodeEndpoint(parentPort));
