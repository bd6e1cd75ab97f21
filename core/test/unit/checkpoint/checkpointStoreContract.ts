/**
 * The `CheckpointStore` contract as tests, shared by every store so the same test names run
 * against memory, a Node directory, fake-indexeddb in Node and real IndexedDB in Chromium.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CheckpointStore, CheckpointStoreOptions } from '../../../src/checkpoint/CheckpointStore.js';
import { CheckpointError, RivuletError } from '../../../src/errors.js';
import type { Logger } from '../../../src/util/Logger.js';

/** A fresh, empty store; `reopen` makes another store on the same location (a restart). */
export interface CheckpointStoreFixture {
  readonly store: CheckpointStore;
  reopen(): CheckpointStore;
  dispose(): Promise<void>;
}

export type CheckpointStoreSetup = (options: CheckpointStoreOptions & { readonly logger: Logger }) => Promise<CheckpointStoreFixture>;

/** A logger that keeps warnings, for tests that check what a store reports. */
export function recordingLogger(): Logger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (message: string) => void warnings.push(message), error() {} };
}

const parts = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));
const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** A state part of `keys` `[key, count]` pairs, as the engine would hand it over. */
export const statePart = (keys: number, salt = 0): string => JSON.stringify(Array.from({ length: keys }, (_, i) => [`key-${i}`, i + salt]));

async function rejection(promise: Promise<unknown>): Promise<RivuletError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RivuletError);
  return error as RivuletError;
}

export function describeCheckpointStoreContract(name: string, setup: CheckpointStoreSetup): void {
  describe(`${name} (CheckpointStore contract)`, () => {
    const withStore =
      (body: (store: CheckpointStore, fixture: CheckpointStoreFixture, logger: ReturnType<typeof recordingLogger>) => Promise<void>, options: CheckpointStoreOptions = {}) =>
      async () => {
        const logger = recordingLogger();
        const fixture = await setup({ ...options, logger });
        try {
          await body(fixture.store, fixture, logger);
        } finally {
          await fixture.store.close();
          await fixture.dispose();
        }
      };

    // ---- Checkpoints ----

    it(
      'write then readLatest returns the newest checkpoint with its parts intact',
      withStore(async (store, _fixture, logger) => {
        expect(await store.readLatest()).toBeUndefined();
        await store.write(1000, parts({ graph: '{"streams":1}', state: 'ü and 🚀', empty: '' }));
        await store.write(3000, parts({ graph: '{"streams":3}' }));
        await store.write(2000, parts({ graph: '{"streams":2}' }));
        const latest = await store.readLatest();
        expect(latest?.time).toBe(3000);
        expect([...latest!.parts]).toEqual([['graph', '{"streams":3}']]);
        await store.delete(3000);
        await store.delete(2000);
        expect([...(await store.readLatest())!.parts]).toEqual([
          ['graph', '{"streams":1}'],
          ['state', 'ü and 🚀'],
          ['empty', ''],
        ]);
        expect(logger.warnings).toEqual([]);
      }),
    );

    it(
      'a checkpoint with no parts round-trips, and writing a time again replaces it',
      withStore(async (store) => {
        await store.write(5000, new Map());
        expect(await store.readLatest()).toEqual({ time: 5000, parts: new Map() });
        await store.write(5000, parts({ a: 'second' }));
        expect(await store.readLatest()).toEqual({ time: 5000, parts: parts({ a: 'second' }) });
        expect((await store.list()).map((c) => c.time)).toEqual([5000]);
      }),
    );

    it(
      'stores a part whose content is already stored once (content addressing)',
      withStore(async (store) => {
        const state = statePart(1000);
        await store.write(1000, parts({ graph: 'g1', state }));
        const first = await store.usage();
        expect(first).toEqual({ contents: 2, contentBytes: utf8Bytes(state) + 2 });
        await store.write(2000, parts({ graph: 'g2', state }));
        expect(await store.usage()).toEqual({ contents: 3, contentBytes: first.contentBytes + 2 });
        // The same content under two names in one checkpoint is stored once too.
        await store.write(3000, parts({ left: state, right: state }));
        expect((await store.usage()).contents).toBe(3);
        expect((await store.readLatest())?.parts.get('right')).toBe(state);
      }),
    );

    it(
      'hashes a part handed over again unchanged once, and a changed or deleted one again',
      withStore(async (store) => {
        const digest = vi.spyOn(crypto.subtle, 'digest');
        /** How many SHA-256 digests `write` computed. */
        const hashes = async (write: () => Promise<void>): Promise<number> => {
          digest.mockClear();
          await write();
          return digest.mock.calls.length;
        };
        try {
          const state = statePart(1000);
          expect(await hashes(() => store.write(1000, parts({ graph: 'g1', state })))).toBe(2);
          // The engine hands the same state string to its next checkpoints: only the new graph is hashed.
          expect(await hashes(() => store.write(2000, parts({ graph: 'g2', state })))).toBe(1);
          expect(await hashes(() => store.write(2000, parts({ graph: 'g2', state })))).toBe(0);
          // A copy with equal contents is the same content; under another name it is hashed, and stored once.
          const copy = [...state].join('');
          expect(await hashes(() => store.write(3000, parts({ graph: 'g2', state: copy, other: state })))).toBe(1);
          expect(await store.usage()).toEqual({ contents: 3, contentBytes: 4 + utf8Bytes(state) });
          // A changed state under the same name is hashed and stored.
          const changed = statePart(1000, 1);
          expect(await hashes(() => store.write(4000, parts({ graph: 'g2', state: changed })))).toBe(1);
          expect((await store.readLatest())?.parts.get('state')).toBe(changed);
          expect(await store.usage()).toEqual({ contents: 4, contentBytes: 4 + utf8Bytes(state) + utf8Bytes(changed) });
          // Its content gone with every checkpoint that had it, a remembered hash still stores it again.
          for (const time of [1000, 2000, 3000, 4000]) await store.delete(time);
          expect(await store.usage()).toEqual({ contents: 0, contentBytes: 0 });
          expect(await hashes(() => store.write(5000, parts({ state: changed })))).toBe(0);
          expect(await store.usage()).toEqual({ contents: 1, contentBytes: utf8Bytes(changed) });
          expect((await store.readLatest())?.parts.get('state')).toBe(changed);
        } finally {
          digest.mockRestore();
        }
      }),
    );

    it(
      'keeps the newest 10 checkpoints and deletes content only older ones referenced',
      withStore(async (store) => {
        for (let i = 1; i <= 12; i++) await store.write(i * 1000, parts({ shared: 'same', own: `batch ${i}` }));
        const listed = await store.list();
        expect(listed.map((c) => c.time)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((i) => i * 1000));
        expect(await store.usage()).toEqual({ contents: 11, contentBytes: 'same'.length + 7 * 'batch 3'.length + 3 * 'batch 10'.length });
      }),
    );

    it(
      'keeps the newest `retain` checkpoints when told to',
      withStore(
        async (store) => {
          for (const time of [4000, 1000, 3000, 2000]) await store.write(time, parts({ own: `t${time}` }));
          expect((await store.list()).map((c) => c.time)).toEqual([4000, 3000]);
          expect((await store.usage()).contents).toBe(2);
        },
        { retain: 2 },
      ),
    );

    it(
      'list shows every checkpoint newest first with its size and part names',
      withStore(async (store) => {
        await store.write(1000, parts({ graph: 'ab', state: 'ü' }));
        await store.write(2000, parts({ graph: 'abc' }));
        expect(await store.list()).toEqual([
          { time: 2000, bytes: 3, parts: ['graph'], valid: true },
          { time: 1000, bytes: 4, parts: ['graph', 'state'], valid: true },
        ]);
      }),
    );

    it(
      'delete removes one checkpoint and the content only it referenced',
      withStore(async (store) => {
        await store.write(1000, parts({ shared: 'same', own: 'one' }));
        await store.write(2000, parts({ shared: 'same', own: 'two' }));
        await store.delete(2000);
        await store.delete(9000); // missing: fine
        expect((await store.readLatest())?.time).toBe(1000);
        expect(await store.usage()).toEqual({ contents: 2, contentBytes: 7 });
        await store.delete(1000);
        expect(await store.readLatest()).toBeUndefined();
        expect(await store.list()).toEqual([]);
        expect(await store.usage()).toEqual({ contents: 0, contentBytes: 0 });
      }),
    );

    it(
      'concurrent writes and reads each see a whole checkpoint',
      withStore(async (store) => {
        const writes = [1000, 2000, 3000, 4000].map((time) => store.write(time, parts({ state: statePart(100, time), time: String(time) })));
        const reads = [store.readLatest(), store.list()];
        await Promise.all([...writes, ...reads]);
        const latest = await store.readLatest();
        expect(latest?.parts).toEqual(parts({ state: statePart(100, 4000), time: '4000' }));
        expect((await store.list()).every((c) => c.valid)).toBe(true);
      }),
    );

    it(
      'a bad batch time is an INVALID_ARGUMENT',
      withStore(async (store) => {
        for (const time of [-1, 1.5, Number.NaN]) {
          expect((await rejection(store.write(time, new Map()))).code).toBe('INVALID_ARGUMENT');
          expect((await rejection(store.writeAheadLog.write('r', time))).code).toBe('INVALID_ARGUMENT');
        }
      }),
    );

    // ---- Write-ahead log ----

    it(
      'write-ahead log: write, read by handle, and readAll oldest first',
      withStore(
        async (store) => {
          const log = store.writeAheadLog;
          const late = await log.write('late 🚀', 2500);
          const early = await log.write('early', 500);
          const early2 = await log.write('early two', 900);
          expect(late.segment).toBe('log-2000-3000');
          expect(early.segment).toBe('log-0-1000');
          expect(early2.length).toBe(9);
          // Handles are plain data: they survive JSON, as inside a checkpoint.
          const revived = JSON.parse(JSON.stringify(early2));
          expect(await log.read(revived)).toBe('early two');
          expect(await log.read(late)).toBe('late 🚀');
          expect(await log.readAll()).toEqual([
            { handle: early, record: 'early' },
            { handle: early2, record: 'early two' },
            { handle: late, record: 'late 🚀' },
          ]);
        },
        { writeAheadLogWindowMs: 1000 },
      ),
    );

    it(
      'write-ahead log: clean drops whole segments older than the threshold',
      withStore(
        async (store) => {
          const log = store.writeAheadLog;
          const a = await log.write('a', 500);
          await log.write('b', 1500);
          await log.write('c', 2500);
          await log.clean(1999); // the segment [1000, 2000) may hold 1999: it stays
          expect((await log.readAll()).map((r) => r.record)).toEqual(['b', 'c']);
          await log.clean(2000);
          expect((await log.readAll()).map((r) => r.record)).toEqual(['c']);
          const missing = await rejection(log.read(a));
          expect(missing).toBeInstanceOf(CheckpointError);
          expect(missing.code).toBe('WRITE_AHEAD_LOG_RECORD_MISSING');
          expect((await rejection(log.read({ segment: '../checkpoint-1000', offset: 0, length: 1 }))).code).toBe('WRITE_AHEAD_LOG_RECORD_MISSING');
          // Writing to a cleaned window starts it afresh.
          const again = await log.write('a again', 600);
          expect(await log.read(again)).toBe('a again');
        },
        { writeAheadLogWindowMs: 1000 },
      ),
    );

    it(
      'write-ahead log: concurrent writes keep their call order and get distinct handles',
      withStore(async (store) => {
        const log = store.writeAheadLog;
        const records = Array.from({ length: 20 }, (_, i) => `record ${i}`);
        const handles = await Promise.all(records.map((record) => log.write(record, 1000)));
        expect(new Set(handles.map((h) => JSON.stringify(h))).size).toBe(20);
        expect((await log.readAll()).map((r) => r.record)).toEqual(records);
        expect(await Promise.all(handles.map((h) => log.read(h)))).toEqual(records);
      }),
    );

    // ---- Durable records ----

    it(
      'records: put, get, replace, delete and keys by prefix',
      withStore(async (store) => {
        const records = store.records;
        expect(await records.get('missing')).toBeUndefined();
        await records.put('sink/out/1000', 'committed');
        await records.put('sink/out/2000', 'committed');
        await records.put('other', 'x');
        await records.put('../ü 🚀.', 'odd key');
        await records.put('', 'empty key');
        await records.put('other', 'replaced');
        expect(await records.get('other')).toBe('replaced');
        expect(await records.get('../ü 🚀.')).toBe('odd key');
        expect(await records.get('')).toBe('empty key');
        expect(await records.keys('sink/')).toEqual(['sink/out/1000', 'sink/out/2000']);
        expect(await records.keys()).toEqual(['', '../ü 🚀.', 'other', 'sink/out/1000', 'sink/out/2000']);
        await records.delete('sink/out/1000');
        await records.delete('never there');
        expect(await records.keys('sink')).toEqual(['sink/out/2000']);
        expect(await records.get('sink/out/1000')).toBeUndefined();
      }),
    );

    // ---- Lifecycle ----

    it(
      'a new store on the same location sees the checkpoints, the log and the records',
      withStore(async (store, fixture) => {
        await store.write(1000, parts({ state: 'kept' }));
        const handle = await store.writeAheadLog.write('block', 1000);
        await store.records.put('k', 'v');
        await store.close();
        const restarted = fixture.reopen();
        try {
          expect((await restarted.readLatest())?.parts.get('state')).toBe('kept');
          expect(await restarted.writeAheadLog.read(handle)).toBe('block');
          expect(await restarted.records.get('k')).toBe('v');
          await restarted.write(2000, parts({ state: 'next' }));
          expect((await restarted.list()).map((c) => c.time)).toEqual([2000, 1000]);
        } finally {
          await restarted.close();
        }
      }),
    );

    it(
      'releases its handles on close, and opens them again on the next call',
      withStore(async (store) => {
        await store.write(1000, parts({ a: '1' }));
        await store.writeAheadLog.write('r1', 1000);
        await store.close();
        await store.close(); // twice is fine
        await store.write(2000, parts({ a: '2' }));
        await store.writeAheadLog.write('r2', 2000);
        expect((await store.readLatest())?.time).toBe(2000);
        expect((await store.writeAheadLog.readAll()).map((r) => r.record)).toEqual(['r1', 'r2']);
      }),
    );
  });
}
