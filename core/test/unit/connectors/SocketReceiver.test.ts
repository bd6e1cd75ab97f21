/**
 * Spark's "socket input stream" tests of `InputStreamsSuite`, against a real TCP server on
 * 127.0.0.1: lines in batches, chunk boundaries anywhere (inside a `\r\n`, inside a UTF-8
 * character), over-long lines dropped and reported, reconnection through `restart` when the server
 * goes away and comes back, and the socket released on stop. Batches are cut by a `ManualClock`;
 * network I/O is awaited through server events and receiver events, never by time.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CheckpointError,
  IllegalStateError,
  ManualClock,
  MemoryCheckpointStore,
  ReceiverError,
  Seconds,
  StorageLevel,
  StreamingContext,
  ValidationError,
  type BatchInfo,
  type Logger,
} from '../../../src/node.js';
import { connectTcp } from '../../../src/platform/node/connectTcp.js';
import { nodeSources } from '../../../src/platform/node/nodeSources.js';
import { currentPlatform, registerPlatform, type Platform } from '../../../src/platform/platform.js';
import type { ConnectSocket } from '../../../src/platform/PlatformSources.js';
import { collect, ReceiverEvents, silent } from '../../support/receiverEvents.js';

// ---- A TCP server the tests drive ----

class TestServer {
  private readonly accepted: Socket[] = [];
  private readonly waiting: ((socket: Socket) => void)[] = [];
  private readonly open = new Set<Socket>();

  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      socket.setNoDelay(true);
      this.open.add(socket);
      socket.on('close', () => this.open.delete(socket));
      const wake = this.waiting.shift();
      if (wake) wake(socket);
      else this.accepted.push(socket);
    });
  }

  static async start(port = 0): Promise<TestServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return new TestServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The next connection the server accepts. */
  nextConnection(): Promise<Socket> {
    const socket = this.accepted.shift();
    return socket ? Promise.resolve(socket) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.open) socket.destroy();
    await closed;
  }
}

const servers: TestServer[] = [];
async function startServer(port = 0): Promise<TestServer> {
  const server = await TestServer.start(port);
  servers.push(server);
  return server;
}

/** Writes `data` and waits until it is handed to the kernel. */
function write(socket: Socket, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
}

/** Sends `data`, then closes the connection (FIN) and waits until it is closed. */
async function sendAndClose(socket: Socket, data: string | Uint8Array): Promise<void> {
  await write(socket, data);
  await new Promise<void>((resolve) => socket.end(resolve));
}

// ---- The streaming side ----

let current: StreamingContext | undefined;
let restorePlatform: Platform | undefined;

function newContext(options: { logger?: Logger; restartDelayMs?: number } = {}) {
  const clock = new ManualClock();
  const ssc = new StreamingContext({
    batchDuration: Seconds(1),
    clock,
    logger: options.logger ?? silent,
    receiverRestartDelayMs: options.restartDelayMs ?? 60_000,
  });
  current = ssc;
  const events = new ReceiverEvents(ssc);
  const batches: BatchInfo[] = [];
  ssc.addStreamingListener({ onBatchCompleted: (e) => void batches.push(e.batchInfo) });
  return { ssc, clock, events, batches };
}

/** Makes the Node platform's TCP connections report each chunk they read, before the receiver sees it. */
function tapChunks(onChunk: (chunk: Uint8Array) => void): void {
  const platform = currentPlatform();
  restorePlatform = platform;
  const connectSocket: ConnectSocket = async (host, port, signal) => {
    const connection = await connectTcp(host, port, signal);
    return {
      close: () => connection.close(),
      async *[Symbol.asyncIterator]() {
        for await (const chunk of connection) {
          onChunk(chunk);
          yield chunk;
        }
      },
    };
  };
  registerPlatform({ ...platform, sources: { ...nodeSources, connectSocket } });
}

afterEach(async () => {
  await current?.stop();
  current = undefined;
  if (restorePlatform) registerPlatform(restorePlatform);
  restorePlatform = undefined;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// ---- Tests ----

describe('socketTextStream', () => {
  it('socket input stream', async () => {
    const server = await startServer();
    const { ssc, clock, events, batches } = newContext();
    const out = collect(ssc.socketTextStream('127.0.0.1', server.port, StorageLevel.MEMORY_ONLY_SER));
    ssc.start();
    await sendAndClose(await server.nextConnection(), '1\n2\n3\n4\n5\n');
    // The server closed the connection: the receiver restarts, after storing everything it read.
    await events.until('receiverStopped', 1);
    await clock.advance(1000);
    expect(out).toEqual([['1', '2', '3', '4', '5']]);
    expect(batches[0]?.numRecords).toBe(5);
  });

  it('splits lines across chunks, keeps split UTF-8 characters whole, and ends lines at \\r\\n', async () => {
    const server = await startServer();
    const chunks: Uint8Array[] = [];
    let chunkArrived: () => void = () => {};
    tapChunks((chunk) => {
      chunks.push(chunk);
      chunkArrived();
    });
    const { ssc, clock, events } = newContext();
    const out = collect(ssc.socketTextStream('127.0.0.1', server.port));
    ssc.start();
    const socket = await server.nextConnection();
    const euro = new TextEncoder().encode('€'); // 3 bytes
    const pieces: (string | Uint8Array)[] = ['héllo wo', 'rld\r', '\nsecond ', euro.subarray(0, 2), euro.subarray(2), '\n中', 'é\r\nlast'];
    // One piece at a time, each sent only once the receiver has read the previous one.
    for (const piece of pieces) {
      const arrived = new Promise<void>((resolve) => (chunkArrived = resolve));
      await write(socket, piece);
      await arrived;
    }
    await sendAndClose(socket, '');
    await events.until('receiverStopped', 1);
    await clock.advance(1000);
    expect(chunks.length).toBe(pieces.length);
    expect(out).toEqual([['héllo world', 'second €', '中é', 'last']]);
  });

  it('drops lines longer than maxLineLength and reports each with the running count', async () => {
    const server = await startServer();
    const warnings: string[] = [];
    const logger: Logger = { ...silent, warn: (message) => void warnings.push(message) };
    const { ssc, clock, events } = newContext({ logger });
    const out = collect(ssc.socketTextStream('127.0.0.1', server.port, { maxLineLength: 16 }));
    ssc.start();
    await sendAndClose(await server.nextConnection(), `short\n${'x'.repeat(100_000)}\nalso short\r\n${'y'.repeat(17)}\n16 characters ok\n`);
    await events.until('receiverStopped', 1);
    await clock.advance(1000);
    expect(out).toEqual([['short', 'also short', '16 characters ok']]);
    const dropped = events.seen.filter((e) => e.type === 'receiverError');
    expect(dropped.map((e) => (e.type === 'receiverError' ? e.receiverInfo.lastErrorMessage : ''))).toEqual([
      expect.stringContaining('(1 dropped so far)'),
      expect.stringContaining('(2 dropped so far)'),
    ]);
    for (const e of dropped) {
      const error = e.type === 'receiverError' ? e.receiverInfo.lastError : undefined;
      expect(error).toBeInstanceOf(ReceiverError);
      expect((error as ReceiverError).code).toBe('LINE_TOO_LONG');
    }
    expect(warnings.filter((w) => w.includes('maxLineLength 16'))).toHaveLength(2);
  });

  it('restarts when the server goes away, and reconnects when it comes back', async () => {
    const first = await startServer();
    const port = first.port;
    const { ssc, clock, events } = newContext({ restartDelayMs: 1000 });
    const out = collect(ssc.socketTextStream('127.0.0.1', port));
    ssc.start();
    await write(await first.nextConnection(), 'before\n');
    await first.close(); // the server goes away, with the connection
    await events.until('receiverStopped', 1);
    const stopped = events.seen.find((e) => e.type === 'receiverStopped');
    expect(stopped?.type === 'receiverStopped' && stopped.receiverInfo.lastErrorMessage).toMatch(
      /Socket data stream from 127\.0\.0\.1:\d+ had no more data|Error receiving data/,
    );

    const second = await startServer(port); // ...and comes back on the same port
    await clock.advance(1000); // batch 1000; the restart delay has passed, so it reconnects
    await sendAndClose(await second.nextConnection(), 'after\n');
    await events.until('receiverStopped', 2);
    await clock.advance(1000);
    expect(out).toEqual([['before'], ['after']]);
  });

  it('restarts when it cannot connect, until the server is there', async () => {
    const probe = await TestServer.start();
    const port = probe.port;
    await probe.close(); // nothing listens on `port` now
    const { ssc, clock, events } = newContext({ restartDelayMs: 1000 });
    const out = collect(ssc.socketTextStream('127.0.0.1', port));
    ssc.start();
    await events.until('receiverStopped', 1);
    const stopped = events.seen.find((e) => e.type === 'receiverStopped');
    const info = stopped?.type === 'receiverStopped' ? stopped.receiverInfo : undefined;
    expect(info?.lastErrorMessage).toContain(`Error connecting to 127.0.0.1:${port}`);
    expect((info?.lastError as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');

    const server = await startServer(port);
    await clock.advance(1000);
    await sendAndClose(await server.nextConnection(), 'connected\n');
    await events.until('receiverStopped', 2);
    await clock.advance(1000);
    expect(out).toEqual([[], ['connected']]);
  });

  it('releases the socket on stop', async () => {
    const server = await startServer();
    const { ssc, clock } = newContext();
    collect(ssc.socketTextStream('127.0.0.1', server.port));
    ssc.start();
    const socket = await server.nextConnection();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await ssc.stop();
    await closed; // the server saw the client close its end
    expect(clock.waiterCount).toBe(0);
  });

  it('recovery with another host or port gives CHECKPOINT_GRAPH_CHANGED naming both', async () => {
    const server = await startServer();
    const store = new MemoryCheckpointStore({ logger: silent });
    const program = (clock: ManualClock, host: string, port: number) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silent, receiverRestartDelayMs: 60_000 });
      current = ssc;
      ssc.checkpoint(store);
      ssc.socketTextStream(host, port).foreachRDD(() => undefined);
      return ssc;
    };
    const clock = new ManualClock();
    const first = await StreamingContext.getOrCreate(store, program(clock, '127.0.0.1', server.port));
    first.start();
    await server.nextConnection();
    await clock.advance(1000);
    await first.stop();

    const otherPort = server.port + 1;
    const error = await StreamingContext.getOrCreate(store, program(new ManualClock(1000), 'localhost', otherPort)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('CHECKPOINT_GRAPH_CHANGED');
    expect((error as Error).message).toContain(
      `stream 0: ReceiverInputDStream host 127.0.0.1 → localhost; stream 0: ReceiverInputDStream port ${server.port} → ${otherPort}`,
    );
    // The same source recovers.
    await (await StreamingContext.getOrCreate(store, program(new ManualClock(1000), '127.0.0.1', server.port))).stop();
  });

  it('rejects a port that is not a TCP port and a negative maxLineLength', () => {
    const { ssc } = newContext();
    expect(() => ssc.socketTextStream('localhost', 70_000)).toThrow(ValidationError);
    expect(() => ssc.socketTextStream('localhost', 9999, { maxLineLength: -1 })).toThrow(/maxLineLength -1/);
  });

  it('on a platform without TCP, fails at once and points to webSocketTextStream', () => {
    restorePlatform = currentPlatform();
    registerPlatform({ ...restorePlatform, name: 'browser', sources: { WebSocket: nodeSources.WebSocket } });
    const { ssc } = newContext();
    let error: unknown;
    try {
      ssc.socketTextStream('localhost', 9999);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalStateError);
    expect((error as IllegalStateError).code).toBe('PLATFORM_UNSUPPORTED');
    expect((error as Error).message).toMatch(/socketTextStream needs TCP sockets.*webSocketTextStream/);
  });
});

describe('socketStream', () => {
  it('stores what the converter makes of the bytes', async () => {
    const server = await startServer();
    const { ssc, clock, events } = newContext();
    // A converter of fixed-size binary records: 2-byte big-endian numbers.
    async function* numbers(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<number> {
      let carry: number[] = [];
      for await (const chunk of chunks) {
        carry = [...carry, ...chunk];
        while (carry.length >= 2) yield (carry.shift()! << 8) | carry.shift()!;
      }
    }
    const out = collect(ssc.socketStream('127.0.0.1', server.port, numbers));
    ssc.start();
    await sendAndClose(await server.nextConnection(), new Uint8Array([0, 1, 1, 0, 255, 255]));
    await events.until('receiverStopped', 1);
    await clock.advance(1000);
    expect(out).toEqual([[1, 256, 65535]]);
  });
});
