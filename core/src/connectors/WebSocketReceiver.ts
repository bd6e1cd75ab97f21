import { ValidationError } from '../errors.js';
import type { WebSocketConstructor, WebSocketLike } from '../platform/PlatformSources.js';
import type { StorageLevel } from '../rdd/StorageLevel.js';
import { Receiver } from '../streaming/receiver/Receiver.js';
import { platformSource } from './platformSource.js';
import { urlWithoutSecrets } from './urlWithoutSecrets.js';

/** Options of `webSocketTextStream`. */
export interface WebSocketStreamOptions {
  /** Subprotocols offered to the server (the `WebSocket` constructor's second argument). */
  protocols?: string | string[];
  /** Ignored on a JavaScript heap, kept for Spark parity. */
  storageLevel?: StorageLevel;
}

const decoder = new TextDecoder('utf-8');

/**
 * Receives the messages of a WebSocket, one record per message (binary messages decoded as
 * UTF-8). Rivulet's addition, shaped like Spark's `SocketReceiver`: it opens the socket on start,
 * restarts — reconnecting after the context's `receiverRestartDelayMs` — when the socket closes
 * or fails, and closes it on stop. A WebSocket cannot be paused, so a rate limit holds messages in
 * memory, in order, rather than slowing the server. Uses the global `WebSocket` in browsers and
 * the `ws` package in Node.
 */
export class WebSocketReceiver extends Receiver<string> {
  private readonly WebSocket: WebSocketConstructor;
  private socket: WebSocketLike | undefined;

  constructor(
    readonly url: string,
    private readonly options: WebSocketStreamOptions = {},
  ) {
    super(options.storageLevel);
    if (!/^wss?:\/\//i.test(url)) {
      throw new ValidationError('INVALID_ARGUMENT', `webSocketTextStream: '${url}' is not a WebSocket URL; use ws://host:port/path or wss://...`);
    }
    this.WebSocket = platformSource('WebSocket', 'webSocketTextStream', 'use a platform with WebSocket support');
  }

  /**
   * The URL without user info or query, for the graph fingerprint. Not the subprotocols:
   * some servers take an access token as one.
   */
  override fingerprintParams(): Readonly<Record<string, string>> {
    return { url: urlWithoutSecrets(this.url) };
  }

  onStart(): void {
    const socket = new this.WebSocket(this.url, this.options.protocols);
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    let lastError: unknown;
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket) return;
      const { data } = event;
      const text = typeof data === 'string' ? data : decoder.decode(data as ArrayBuffer);
      this.store(text).catch((error: unknown) => {
        if (this.socket === socket) this.restart(`Error storing a message from ${this.url}`, error);
      });
    });
    socket.addEventListener('error', (event) => {
      // Browsers give no details (a plain Event); `ws` gives an ErrorEvent with the error.
      lastError = (event as { error?: unknown }).error ?? event;
    });
    socket.addEventListener('close', ({ code, reason }) => {
      if (this.socket !== socket) return; // closed by onStop, or a socket of an earlier start
      this.socket = undefined;
      this.restart(`WebSocket ${this.url} closed (code ${code}${reason ? `, ${reason}` : ''})`, lastError);
    });
  }

  onStop(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000, 'Receiver stopped');
  }
}
