/**
 * `webSocketTextStream` and `eventSourceStream` in Node, where the `ws` and `eventsource` packages
 * stand in for the browser globals; the same suite runs in Chromium (test/browser/sources.test.ts).
 */
import '../../../src/node.js';
import { afterAll, beforeAll } from 'vitest';
import { startLoopbackServers, type LoopbackServers } from '../../support/loopbackServers.js';
import { describeMessageSources } from '../../support/messageSourceSuite.js';

let servers: LoopbackServers;
beforeAll(async () => {
  servers = await startLoopbackServers();
});
afterAll(() => servers.close());

describeMessageSources(() => servers.port);
