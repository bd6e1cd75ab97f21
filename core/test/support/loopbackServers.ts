/**
 * A scripted WebSocket + Server-Sent Events server on 127.0.0.1, for the message-source tests in
 * Node and in Chromium (started by the browser project's globalSetup, which passes the port on).
 * A test drives it through the URL, so the browser needs no other channel to the server:
 *
 *   ws://127.0.0.1:<port>/ws?id=<id>&script=<json>      WebSocket
 *   http://127.0.0.1:<port>/sse?id=<id>&script=<json>   text/event-stream
 *   http://127.0.0.1:<port>/connected?id=<id>&n=<n>     answers once <id> has had n connections
 *   http://127.0.0.1:<port>/closed?id=<id>              answers once every connection of <id> is closed
 *
 * `script` is a JSON array with one step per connection (the last repeats): `{ send: string[],
 * close?: boolean }` — send these messages (a `bin:` prefix sends the rest as a binary message),
 * then close, or else keep the connection open. Waiting is event-driven: no polling, no timers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface ScriptStep {
  readonly send: readonly string[];
  readonly close?: boolean;
}

export interface LoopbackServers {
  readonly port: number;
  close(): Promise<void>;
}

interface Tracked {
  connections: number;
  open: number;
  readonly waiters: (() => void)[];
}

export async function startLoopbackServers(): Promise<LoopbackServers> {
  const tracked = new Map<string, Tracked>();
  const track = (id: string): Tracked => {
    let t = tracked.get(id);
    if (!t) tracked.set(id, (t = { connections: 0, open: 0, waiters: [] }));
    return t;
  };
  const changed = (t: Tracked): void => {
    for (const wake of t.waiters.splice(0)) wake();
  };
  const opened = (id: string): (() => void) => {
    const t = track(id);
    t.connections++;
    t.open++;
    changed(t);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      t.open--;
      changed(t);
    };
  };
  /** Answers `res` once `ready()` holds for `id`. */
  const answerWhen = (id: string, ready: (t: Tracked) => boolean, res: ServerResponse): void => {
    const t = track(id);
    const check = (): void => {
      if (ready(t)) {
        res.writeHead(200, cors({ 'content-type': 'text/plain' })).end('ok');
      } else {
        t.waiters.push(check);
      }
    };
    check();
  };

  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const id = url.searchParams.get('id') ?? '';
    switch (url.pathname) {
      case '/sse':
        return serveEvents(req, res, stepFor(url, track(id).connections), opened(id));
      case '/connected':
        return answerWhen(id, (t) => t.connections >= Number(url.searchParams.get('n') ?? 1), res);
      case '/closed':
        return answerWhen(id, (t) => t.connections > 0 && t.open === 0, res);
      default:
        res.writeHead(404, cors()).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = url.searchParams.get('id') ?? '';
      const step = stepFor(url, track(id).connections);
      const closed = opened(id);
      ws.on('close', closed);
      ws.on('error', closed);
      for (const message of step.send) {
        if (message.startsWith('bin:')) ws.send(Buffer.from(message.slice(4), 'utf8'), { binary: true });
        else ws.send(message);
      }
      if (step.close) ws.close(1000, 'script done');
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function stepFor(url: URL, connectionIndex: number): ScriptStep {
  const script = JSON.parse(url.searchParams.get('script') ?? '[{"send":[]}]') as ScriptStep[];
  return script[Math.min(connectionIndex, script.length - 1)]!;
}

function serveEvents(req: IncomingMessage, res: ServerResponse, step: ScriptStep, closed: () => void): void {
  res.writeHead(200, cors({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' }));
  res.on('close', closed);
  req.on('close', closed);
  // Each message is one event; a message with newlines becomes a multi-line `data:` event.
  for (const message of step.send) res.write(`${message.split('\n').map((line) => `data: ${line}`).join('\n')}\n\n`);
  if (step.close) res.end();
  else res.flushHeaders();
}

function cors(headers: Record<string, string> = {}): Record<string, string> {
  return { 'access-control-allow-origin': '*', ...headers };
}
