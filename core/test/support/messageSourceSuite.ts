/**
 * The parity suite of the push sources, `webSocketTextStream` and `eventSourceStream`: the same
 * tests, by name, in Node (`ws`, `eventsource`) and in Chromium (the globals), against the
 * scripted loopback server of `loopbackServers.ts`. Batches are cut by a `ManualClock`; the tests
 * wait for network I/O through listener events and the server's long-poll endpoints, never by time.
 * The caller imports the platform entry (`src/node.ts` or `src/browser.ts`) first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext } from '../../src/index.js';
import { fingerprintOf } from '../../src/streaming/checkpoint/GraphFingerprint.js';
import type { ScriptStep } from './loopbackServers.js';
import { collect, ReceiverEvents, silent } from './receiverEvents.js';

type Kind = 'webSocketTextStream' | 'eventSourceStream';

let nextId = 0;
const runId = Math.random().toString(36).slice(2, 8);

export function describeMessageSources(port: () => number): void {
  let ssc: StreamingContext | undefined;
  afterEach(async () => {
    await ssc?.stop();
    ssc = undefined;
  });

  const http = (path: string): string => `http://127.0.0.1:${port()}${path}`;

  function open(kind: Kind, steps: readonly ScriptStep[], restartDelayMs = 60_000) {
    const id = `${kind}-${runId}-${nextId++}`;
    const clock = new ManualClock();
    ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silent, receiverRestartDelayMs: restartDelayMs });
    const events = new ReceiverEvents(ssc);
    const query = `id=${id}&script=${encodeURIComponent(JSON.stringify(steps))}`;
    const stream =
      kind === 'webSocketTextStream'
        ? ssc.webSocketTextStream(`ws://127.0.0.1:${port()}/ws?${query}`)
        : ssc.eventSourceStream(http(`/sse?${query}`));
    const out = collect(stream);
    return { ssc, clock, events, out, id };
  }

  /** Resolves once the server has seen `n` connections of `id`. */
  const connected = (id: string, n = 1) => fetch(http(`/connected?id=${id}&n=${n}`)).then((r) => r.text());
  /** Resolves once the server has seen every connection of `id` close. */
  const closed = (id: string) => fetch(http(`/closed?id=${id}`)).then((r) => r.text());

  for (const kind of ['webSocketTextStream', 'eventSourceStream'] as const) {
    describe(kind, () => {
      it('receives one record per message, in order, UTF-8 intact', async () => {
        const last = kind === 'webSocketTextStream' ? 'bin:binary ✓' : 'two\nlines';
        const { ssc, clock, events, out } = open(kind, [{ send: ['a', 'b c', 'é ✓ 中文', last], close: true }, { send: [] }]);
        ssc.start();
        // The server closed after sending: the receiver restarts, and everything before it is stored.
        await events.until('receiverStopped', 1);
        await clock.advance(1000);
        expect(out).toEqual([['a', 'b c', 'é ✓ 中文', kind === 'webSocketTextStream' ? 'binary ✓' : 'two\nlines']]);
      });

      it('reconnects through restart when the server closes the connection', async () => {
        const { ssc, clock, events, out } = open(
          kind,
          [{ send: ['one'], close: true }, { send: ['two'], close: true }, { send: [] }],
          1000,
        );
        ssc.start();
        await events.until('receiverStopped', 1);
        await clock.advance(1000); // batch 1000, and the restart delay has passed: it reconnects
        await events.until('receiverStopped', 2);
        await clock.advance(1000);
        expect(out).toEqual([['one'], ['two']]);
        expect(events.count('receiverStarted')).toBeGreaterThanOrEqual(2);
        const stopped = events.seen.find((e) => e.type === 'receiverStopped');
        expect(stopped?.type === 'receiverStopped' && stopped.receiverInfo.lastErrorMessage).toMatch(/Restarting receiver/);
      });

      it('fingerprints its URL without user info, query or fragment, where secrets travel', () => {
        ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), logger: silent });
        const secretUrl = (scheme: string) => `${scheme}://user:secret@127.0.0.1:${port()}/feed?token=secret#secret`;
        const stream = kind === 'webSocketTextStream' ? ssc.webSocketTextStream(secretUrl('ws')) : ssc.eventSourceStream(secretUrl('http'));
        stream.foreachRDD(() => undefined);
        const [source] = fingerprintOf(ssc.graph).streams;
        expect(source?.params).toEqual(
          kind === 'webSocketTextStream'
            ? { url: `ws://127.0.0.1:${port()}/feed`, receiver: 'WebSocketReceiver' }
            : { url: `http://127.0.0.1:${port()}/feed`, eventTypes: 'message', receiver: 'EventSourceReceiver' },
        );
      });

      it('releases the connection on stop', async () => {
        const { ssc, clock, id } = open(kind, [{ send: ['x'] }]);
        ssc.start();
        await connected(id);
        await ssc.stop();
        await closed(id); // the server saw the connection close
        expect(clock.waiterCount).toBe(0);
      });
    });
  }
}
