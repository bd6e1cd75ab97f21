/**
 * A context closes the checkpoint store it opened from a path when it stops, and leaves alone a
 * store it was given. (Its own file: it registers a platform, which is global.)
 */
import { describe, expect, it } from 'vitest';
import { type CheckpointStore, ManualClock, MemoryCheckpointStore, Seconds, StreamingContext } from '../../../../src/index.js';
import { registerPlatform } from '../../../../src/platform/platform.js';
import { TestInputStream } from '../../../../src/testing/index.js';
import { silentLogger } from './checkpointTester.js';

/** A memory store that counts its `close()` calls. */
function closeCounting(): { store: CheckpointStore; closes: () => number } {
  const memory = new MemoryCheckpointStore({ logger: silentLogger });
  let closes = 0;
  const store = Object.assign(Object.create(memory) as CheckpointStore, {
    close: () => {
      closes++;
      return memory.close();
    },
  });
  return { store, closes: () => closes };
}

async function runOneBatch(ssc: StreamingContext, clock: ManualClock): Promise<void> {
  new TestInputStream(ssc, [['a']], 1).foreachRDD(() => undefined);
  ssc.start();
  await clock.advance(1000);
  await ssc.stop();
}

describe('checkpoint store ownership', () => {
  it('releases the checkpoint store it opened from a path, and not a store it was given', async () => {
    const opened = closeCounting();
    const paths: string[] = [];
    registerPlatform({
      name: 'test',
      fileSystem: () => {
        throw new Error('no files here');
      },
      checkpointStore: (path) => (paths.push(path), opened.store),
    });

    const clock = new ManualClock();
    const byPath = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silentLogger });
    byPath.checkpoint('my-checkpoints');
    await runOneBatch(byPath, clock);
    expect(paths).toEqual(['my-checkpoints']);
    expect(opened.closes()).toBe(1);
    expect((await opened.store.readLatest())?.time).toBe(1000);

    const given = closeCounting();
    const clock2 = new ManualClock();
    const byStore = new StreamingContext({ batchDuration: Seconds(1), clock: clock2, logger: silentLogger });
    byStore.checkpoint(given.store);
    await runOneBatch(byStore, clock2);
    expect(given.closes()).toBe(0);

    // getOrCreate with a path owns what it opened, also when the graph does not match.
    const changed = StreamingContext.getOrCreate(
      'my-checkpoints',
      () => new StreamingContext({ batchDuration: Seconds(2), clock: new ManualClock(), logger: silentLogger }),
      { logger: silentLogger },
    );
    await expect(changed).rejects.toMatchObject({ code: 'CHECKPOINT_GRAPH_CHANGED' });
    expect(opened.closes()).toBe(2);
  });
});
