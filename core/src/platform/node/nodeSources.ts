import { EventSource } from 'eventsource';
import { WebSocket } from 'ws';
import type { PlatformSources } from '../PlatformSources.js';
import { connectTcp } from './connectTcp.js';
import { NodeLocalFiles } from './NodeLocalFiles.js';

/**
 * Node's sources: TCP through `node:net`, directories through `node:fs`, and — Node 20 has no
 * `WebSocket` or `EventSource` globals — the `ws` and `eventsource` packages, which implement the
 * WHATWG APIs. Only the Node entry imports this file, so browser bundles never include them.
 */
export const nodeSources: PlatformSources = {
  connectSocket: connectTcp,
  localFiles: new NodeLocalFiles(),
  WebSocket,
  EventSource,
};
