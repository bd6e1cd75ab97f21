import { createConnection } from 'node:net';
import type { SocketConnection } from '../PlatformSources.js';

/**
 * Opens a TCP connection with `node:net` (Spark: `new java.net.Socket(host, port)` in
 * `SocketReceiver`). The connection's chunks are the socket's `Buffer`s, read through the
 * socket's own async iterator, so a slow consumer pauses the socket (TCP backpressure).
 */
export function connectTcp(host: string, port: number, signal: AbortSignal): Promise<SocketConnection> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const socket = createConnection({ host, port });
    const onAbort = (): void => {
      socket.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', reject);
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.off('error', reject);
      // The iterator reports errors once reading starts; this keeps one raised before that from
      // becoming an uncaught exception (the iterator still sees it through `socket.errored`).
      socket.on('error', () => {});
      resolve({ [Symbol.asyncIterator]: () => socket[Symbol.asyncIterator](), close: () => void socket.destroy() });
    });
  });
}
