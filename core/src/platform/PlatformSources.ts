/**
 * What the sources in `connectors/` need from the platform, each member missing where the
 * platform cannot provide it: Node registers all four (`node:net`, `node:fs`, `ws`, `eventsource`),
 * browsers the WebSocket and EventSource globals. The connectors stay platform-neutral; asking
 * for a missing member fails with `PLATFORM_UNSUPPORTED`.
 */
export interface PlatformSources {
  /** TCP client connections, for `socketTextStream`/`socketStream`. Node only. */
  readonly connectSocket?: ConnectSocket;
  /** Synchronous access to local directories, for `textFileStream`/`fileStream`. Node only. */
  readonly localFiles?: LocalFiles;
  /** The WHATWG `WebSocket`, for `webSocketTextStream`: the global in browsers, `ws` in Node. */
  readonly WebSocket?: WebSocketConstructor;
  /** The WHATWG `EventSource`, for `eventSourceStream`: the global in browsers, `eventsource` in Node. */
  readonly EventSource?: EventSourceConstructor;
}

// ---- TCP ----

/**
 * An open TCP connection: its bytes as chunks (the iteration ends when the peer closes and throws
 * on a network error) and `close()`, which releases it at once, ending a running iteration.
 */
export interface SocketConnection extends AsyncIterable<Uint8Array> {
  close(): void;
}

/** Connects to `host:port`; rejects if that fails, or when `signal` aborts first (releasing the attempt). */
export type ConnectSocket = (host: string, port: number, signal: AbortSignal) => Promise<SocketConnection>;

// ---- Local directories ----

/** A regular file found in a directory. */
export interface LocalFileStatus {
  readonly name: string;
  /** The directory's path joined with `name`. */
  readonly path: string;
  /** Whole milliseconds since the epoch. */
  readonly modificationTimeMs: number;
}

/**
 * Synchronous, because a file stream selects a batch's files while the batch's jobs are being
 * generated, and that step is synchronous (Spark lists the directory in `compute` on the driver).
 *
 * Contract: `listFiles(dir)` returns the regular files directly in `dir` (following symbolic
 * links, skipping subdirectories and files that vanish while it lists), sorted by name, and throws
 * if `dir` cannot be listed; `readFile(path)` returns a file's bytes and throws if it cannot.
 */
export interface LocalFiles {
  listFiles(directory: string): LocalFileStatus[];
  readFile(path: string): Uint8Array;
}

// ---- WebSocket and EventSource ----

/** The members of a WHATWG `WebSocket` that `webSocketTextStream` uses. */
export interface WebSocketLike {
  binaryType: string;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { readonly code: number; readonly reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: (event: unknown) => void): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** The members of a WHATWG `EventSource` that `eventSourceStream` uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { readonly data?: unknown }) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike;
