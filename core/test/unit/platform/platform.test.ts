/**
 * The platform registry, loaded without any entry: this file imports `src/index.ts` directly, as
 * someone bypassing the package's `node`/`browser` entries would. The tests run in order: the
 * first one needs no platform registered yet.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, MemoryCheckpointStore, RivuletError, Seconds, StreamingContext, type FileSystem } from '../../../src/index.js';
import { currentPlatform, registerPlatform } from '../../../src/platform/platform.js';
import { TestInputStream } from '../../../src/testing/index.js';

/** A file system that only records the files written to it (prefixed with `label`, if given). */
function recordingFileSystem(written: string[], label = ''): FileSystem {
  const done = (): Promise<void> => Promise.resolve();
  return {
    writeFile: (path) => (written.push(label + path), done()),
    readFile: () => Promise.resolve(''),
    mkdirs: done,
    list: () => Promise.resolve([]),
    exists: () => Promise.resolve(false),
    remove: done,
    rename: (_from, to) => (written.push(label + to), done()),
  };
}

/** Saves one batch of `['x']` as text under `out`; returns the error the batch failed with, if any. */
async function saveOneBatch(configure: (ssc: StreamingContext) => void, fileSystem?: FileSystem): Promise<unknown> {
  const clock = new ManualClock();
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: quiet, fileSystem });
  configure(ssc);
  new TestInputStream(ssc, [['x']], 1).saveAsTextFiles('out');
  ssc.start();
  const terminated = ssc.awaitTermination().then(
    () => undefined,
    (error: unknown) => error,
  );
  await clock.advance(1000);
  await ssc.stop();
  return terminated;
}

describe('platform', () => {
  it('saving with no platform registered fails the batch with PLATFORM_NOT_REGISTERED', async () => {
    expect(() => currentPlatform()).toThrow(RivuletError);
    const error = await saveOneBatch(() => {});
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as RivuletError).code).toBe('PLATFORM_NOT_REGISTERED');
    expect((error as RivuletError).message).toContain("import from 'rivulet'");
  });

  it("a context's fileSystem option needs no platform", async () => {
    const written: string[] = [];
    expect(await saveOneBatch(() => {}, recordingFileSystem(written))).toBeUndefined();
    expect(written).toEqual(['out-1000/_temporary/part-00000', 'out-1000/part-00000', 'out-1000/_SUCCESS']);
  });

  it("the registered platform's file system is named after a string checkpoint", async () => {
    const written: string[] = [];
    registerPlatform({
      name: 'test',
      fileSystem: (name) => recordingFileSystem(written, `${name}:`),
      checkpointStore: () => new MemoryCheckpointStore(),
    });
    expect(currentPlatform().name).toBe('test');
    expect(await saveOneBatch((ssc) => ssc.checkpoint('my-app'))).toBeUndefined();
    expect(await saveOneBatch((ssc) => ssc.checkpoint(new MemoryCheckpointStore()))).toBeUndefined();
    expect(await saveOneBatch(() => {})).toBeUndefined();
    expect(written.filter((path) => path.endsWith('out-1000/_SUCCESS'))).toEqual([
      'my-app:out-1000/_SUCCESS',
      'undefined:out-1000/_SUCCESS',
      'undefined:out-1000/_SUCCESS',
    ]);
  });
});
