import type { PlatformSources } from '../PlatformSources.js';

/**
 * The browser's sources (pages and Web Workers alike): the WebSocket and EventSource globals.
 * There is no TCP and no local directory, so socket and file streams fail with `PLATFORM_UNSUPPORTED`.
 */
export const browserSources: PlatformSources = {
  WebSocket: globalThis.WebSocket,
  EventSource: globalThis.EventSource,
};
