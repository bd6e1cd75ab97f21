/**
 * `NodeDirectoryCheckpointStore` in a real temporary directory: the CheckpointStore contract, then
 * what a crash or a careless hand can leave in the directory, and how reading copes with it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../../src/errors.js';
import { NodeDirectoryCheckpointStore } from '../../../../src/platform/node/NodeDirectoryCheckpointStore.js';
import { describeCheckpointStoreContract, recordingLogger } from '../../checkpoint/checkpointStoreContract.js';

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'rivulet-checkpoint-'));
const parts = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

describeCheckpointStoreContract('NodeDirectoryCheckpointStore', async (options) => {
  const dir = await tempDir();
  return {
    store: new NodeDirectoryCheckpointStore(dir, options),
    reopen: () => new NodeDirectoryCheckpointStore(dir, options),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('NodeDirectoryCheckpointStore', () => {
  let dir: string;
  let logger: ReturnType<typeof recordingLogger>;
  let store: NodeDirectoryCheckpointStore;
  /** A fresh store on the directory, as after a restart (nothing cached). */
  const restart = (): NodeDirectoryCheckpointStore => new NodeDirectoryCheckpointStore(dir, { logger, writeAheadLogWindowMs: 1000 });
  /** The content file of the part `name` of checkpoint `time`, per its manifest. */
  const contentOf = async (time: number, name: string): Promise<string> => {
    const manifest = await readFile(join(dir, `checkpoint-${time}`), 'utf8');
    const hash = new RegExp(`"name":"${name}","hash":"([0-9a-f]{64})"`).exec(manifest)![1]!;
    return join(dir, 'content', hash);
  };
  const flipByte = async (path: string, at: number): Promise<void> => {
    const bytes = await readFile(path);
    bytes[at] = bytes[at]! ^ 0x20;
    await writeFile(path, bytes);
  };
  const halve = async (path: string): Promise<void> => truncate(path, Math.floor((await readFile(path)).length / 2));

  beforeEach(async () => {
    dir = await tempDir();
    logger = recordingLogger();
    store = restart();
    await store.write(1000, parts({ graph: 'g', state: 'state at 1000' }));
    await store.write(2000, parts({ graph: 'g', state: 'state at 2000' }));
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  // ---- Layout ----

  it('lays out manifests, contents, the log and records as documented, with no temporary file left', async () => {
    await store.writeAheadLog.write('block', 1500);
    await store.records.put('k', 'v');
    expect(await readdir(dir)).toEqual(['checkpoint-1000', 'checkpoint-2000', 'content', 'records', 'wal']);
    expect((await readdir(join(dir, 'content'))).every((name) => /^[0-9a-f]{64}$/.test(name))).toBe(true);
    expect(await readdir(join(dir, 'content'))).toHaveLength(3);
    expect(await readdir(join(dir, 'wal'))).toEqual(['log-1000-2000']);
    expect(await readdir(join(dir, 'records'))).toHaveLength(1);
    // A manifest is an 8-byte frame header, then readable JSON.
    const manifest = await readFile(join(dir, 'checkpoint-2000'));
    expect(manifest.readUInt32BE(0)).toBe(manifest.length - 8);
    expect(JSON.parse(manifest.subarray(8).toString('utf8'))).toMatchObject({ format: 1, time: 2000, parts: [{ name: 'graph', bytes: 1 }, { name: 'state', bytes: 13 }] });
  });

  it('creates a missing directory, parents included, on first write', async () => {
    const nested = new NodeDirectoryCheckpointStore(join(dir, 'a', 'b', 'app'));
    expect(await nested.readLatest()).toBeUndefined(); // reading creates nothing
    expect(await readdir(dir)).not.toContain('a');
    await nested.write(1000, parts({ state: 's' }));
    await nested.writeAheadLog.write('r', 1000);
    expect(await readdir(join(dir, 'a', 'b', 'app'))).toEqual(['checkpoint-1000', 'content', 'wal']);
    await nested.close();
  });

  it('resolves a relative directory against the working directory and is named after it', () => {
    expect(new NodeDirectoryCheckpointStore('checkpoints').name).toBe(join(process.cwd(), 'checkpoints'));
    expect(store.name).toBe(dir);
  });

  // ---- Damage ----

  it('ignores a temporary file left behind before a rename, and removes it on the next write', async () => {
    await writeFile(join(dir, '.checkpoint-3000.tmp-4242-0'), 'half a manif');
    await writeFile(join(dir, 'content', `.${'a'.repeat(64)}.tmp-4242-1`), 'half a state');
    const restarted = restart();
    expect((await restarted.readLatest())?.time).toBe(2000);
    expect((await restarted.list()).map((c) => c.time)).toEqual([2000, 1000]);
    expect(logger.warnings).toEqual([]);
    await restarted.write(3000, parts({ graph: 'g' }));
    expect(await readdir(dir)).not.toContain('.checkpoint-3000.tmp-4242-0');
    expect((await readdir(join(dir, 'content'))).some((name) => name.includes('.tmp-'))).toBe(false);
    await restarted.close();
  });

  it('skips a truncated manifest with a warning naming it', async () => {
    await halve(join(dir, 'checkpoint-2000'));
    const latest = await restart().readLatest();
    expect(latest?.time).toBe(1000);
    expect(latest?.parts.get('state')).toBe('state at 1000');
    expect(logger.warnings).toEqual([expect.stringMatching(/skipping checkpoint-2000, the manifest is damaged \(truncated frame/)]);
  });

  it('skips a manifest with flipped bytes', async () => {
    await flipByte(join(dir, 'checkpoint-2000'), 20);
    expect((await restart().readLatest())?.time).toBe(1000);
    expect(logger.warnings).toEqual([expect.stringMatching(/checkpoint-2000, the manifest is damaged \(checksum mismatch\)/)]);
  });

  it('skips a checkpoint whose content file has flipped bytes', async () => {
    await flipByte(await contentOf(2000, 'state'), 3);
    expect((await restart().readLatest())?.time).toBe(1000);
    expect(logger.warnings).toEqual([expect.stringMatching(/checkpoint-2000, part 'state' fails its SHA-256 checksum/)]);
  });

  it('skips a checkpoint whose content file is truncated or missing', async () => {
    await halve(await contentOf(2000, 'state'));
    expect((await restart().readLatest())?.time).toBe(1000);
    expect(logger.warnings).toEqual([expect.stringMatching(/checkpoint-2000, part 'state' has 6 bytes, its manifest says 13/)]);
    await rm(await contentOf(1000, 'state'));
    await expect(restart().readLatest()).rejects.toThrow(/checkpoint-1000: part 'state' is missing/);
  });

  it('lists damaged checkpoints as invalid, with the reason', async () => {
    await flipByte(await contentOf(2000, 'state'), 0);
    expect(await restart().list()).toEqual([
      { time: 2000, bytes: 14, parts: ['graph', 'state'], valid: false, problem: "part 'state' fails its SHA-256 checksum (altered bytes)" },
      { time: 1000, bytes: 14, parts: ['graph', 'state'], valid: true },
    ]);
  });

  it('ignores junk files, and lists junk named like a checkpoint as invalid', async () => {
    await writeFile(join(dir, 'notes.txt'), 'not mine');
    await writeFile(join(dir, 'checkpoint-abc'), 'junk');
    await writeFile(join(dir, 'checkpoint-0300'), 'junk'); // not how a time is written
    await writeFile(join(dir, 'checkpoint-9000'), 'junk that looks like a checkpoint');
    await mkdir(join(dir, 'checkpoint-8000'));
    await writeFile(join(dir, 'content', 'README'), 'not a content');
    const restarted = restart();
    expect((await restarted.readLatest())?.time).toBe(2000);
    expect(logger.warnings).toEqual([
      expect.stringMatching(/skipping checkpoint-9000, the manifest is damaged/),
      expect.stringMatching(/skipping checkpoint-8000, the manifest cannot be read \(.*EISDIR/),
    ]);
    expect((await restarted.list()).map(({ time, valid }) => [time, valid])).toEqual([
      [9000, false],
      [8000, false],
      [2000, true],
      [1000, true],
    ]);
    // Garbage collection leaves files it does not own alone.
    await restarted.delete(9000);
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['notes.txt', 'checkpoint-abc', 'checkpoint-0300', 'checkpoint-8000']));
    expect(await readdir(join(dir, 'content'))).toContain('README');
    await restarted.close();
  });

  it('when every checkpoint is damaged, readLatest throws CHECKPOINT_CORRUPT naming each', async () => {
    await halve(join(dir, 'checkpoint-2000'));
    await flipByte(await contentOf(1000, 'state'), 5);
    const error = await restart().readLatest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('CHECKPOINT_CORRUPT');
    expect((error as CheckpointError).message).toMatch(/has 2 checkpoint\(s\) and none verifies \(checkpoint-2000: the manifest is damaged .*; checkpoint-1000: part 'state' fails/);
    expect(logger.warnings).toHaveLength(2);
  });

  it('rewrites a damaged content instead of sharing it with a new checkpoint', async () => {
    await flipByte(await contentOf(2000, 'state'), 3);
    const restarted = restart();
    await restarted.write(3000, parts({ state: 'state at 2000' }));
    expect((await restarted.list()).map(({ time, valid }) => [time, valid])).toEqual([
      [3000, true],
      [2000, true], // the same content, now whole again
      [1000, true],
    ]);
    await restarted.close();
  });

  // ---- Write-ahead log ----

  it('write-ahead log: ignores a torn tail, and a restarted log appends to a new segment', async () => {
    const log = store.writeAheadLog;
    const first = await log.write('first', 1100);
    await log.write('second', 1200);
    await store.close();
    const segment = join(dir, 'wal', 'log-1000-2000');
    const whole = await readFile(segment);
    // A crash in the middle of a third append: its header promises 50 bytes, 3 made it to disk.
    await writeFile(segment, Buffer.concat([whole, Buffer.from([0, 0, 0, 50, 1, 2, 3, 4, 97, 98, 99])]));
    const restarted = restart();
    expect((await restarted.writeAheadLog.readAll()).map((r) => r.record)).toEqual(['first', 'second']);
    expect(logger.warnings).toEqual([expect.stringMatching(/ignoring the last 11 bytes of log-1000-2000 \(from offset 27\): truncated frame \(3 of 50 payload bytes\)/)]);
    const third = await restarted.writeAheadLog.write('third', 1300);
    expect(third.segment).toBe('log-1000-2000.1');
    expect((await restarted.writeAheadLog.readAll()).map((r) => r.record)).toEqual(['first', 'second', 'third']);
    expect(await restarted.writeAheadLog.read(first)).toBe('first');
    await restarted.writeAheadLog.clean(2000);
    expect(await readdir(join(dir, 'wal'))).toEqual([]);
    await restarted.close();
  });

  it('write-ahead log: a record with flipped bytes is CHECKPOINT_CORRUPT when read by handle', async () => {
    const handle = await store.writeAheadLog.write('precious', 1100);
    await store.close();
    await flipByte(join(dir, 'wal', 'log-1000-2000'), 10);
    const error = await restart().writeAheadLog.read(handle).catch((e: unknown) => e);
    expect((error as CheckpointError).code).toBe('CHECKPOINT_CORRUPT');
    expect((error as CheckpointError).message).toContain('log-1000-2000:0 fails its checksum');
  });

  it('records: a damaged record is CHECKPOINT_CORRUPT on get, and skipped with a warning by keys', async () => {
    await store.records.put('a', 'one');
    await store.records.put('b', 'two');
    const [file] = await readdir(join(dir, 'records'));
    await flipByte(join(dir, 'records', file!), 12);
    const restarted = restart();
    const broken = (await restarted.records.get('a').then(() => restarted.records.get('b')).catch((e: unknown) => e)) as CheckpointError;
    expect(broken.code).toBe('CHECKPOINT_CORRUPT');
    expect(await restarted.records.keys()).toHaveLength(1);
    expect(logger.warnings).toEqual([expect.stringMatching(/skipping records\/[0-9a-f]{64}, checksum mismatch/)]);
  });

  it('releases its open log file on close', async () => {
    await store.writeAheadLog.write('x', 1000);
    await store.close();
    // With the handle closed, the directory can go (on every platform) and a new store starts empty.
    await rm(dir, { recursive: true, force: true });
    const fresh = restart();
    expect(await fresh.readLatest()).toBeUndefined();
    expect(await fresh.writeAheadLog.readAll()).toEqual([]);
  });
});
