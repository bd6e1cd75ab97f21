/**
 * The core-browser project's globalSetup (it runs in Node, before the browser tests): starts the
 * scripted WebSocket/SSE server on 127.0.0.1 and hands its port to the tests, which read it with
 * `inject('loopbackPort')`; stops the server when the run ends.
 */
import type { TestProject } from 'vitest/node';
import { startLoopbackServers } from '../support/loopbackServers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    loopbackPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await startLoopbackServers();
  project.provide('loopbackPort', servers.port);
  return () => servers.close();
}
