import { IllegalStateError } from '../errors.js';
import { currentPlatform } from '../platform/platform.js';
import type { PlatformSources } from '../platform/PlatformSources.js';

const needs: Record<keyof PlatformSources, string> = {
  connectSocket: 'TCP sockets',
  localFiles: 'a local file system',
  WebSocket: 'WebSocket',
  EventSource: 'EventSource',
};

/**
 * The registered platform's `feature`, for the source `sourceName`; throws `PLATFORM_UNSUPPORTED`
 * naming the source, the platform and `alternative` (what to use instead) when it has none.
 */
export function platformSource<K extends keyof PlatformSources>(
  feature: K,
  sourceName: string,
  alternative: string,
): NonNullable<PlatformSources[K]> {
  const platform = currentPlatform();
  const value = platform.sources?.[feature];
  if (value) return value;
  throw new IllegalStateError(
    'PLATFORM_UNSUPPORTED',
    `${sourceName} needs ${needs[feature]}, which the ${platform.name} platform does not provide; ${alternative}.`,
  );
}
