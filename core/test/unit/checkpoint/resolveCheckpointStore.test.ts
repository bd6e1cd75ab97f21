/** `resolveCheckpointStore`: what `ssc.checkpoint(dirOrStore)` turns its argument into. */
import { describe, expect, it } from 'vitest';
import type { CheckpointStore } from '../../../src/checkpoint/CheckpointStore.js';
import { MemoryCheckpointStore } from '../../../src/checkpoint/MemoryCheckpointStore.js';
import { resolveCheckpointStore } from '../../../src/checkpoint/resolveCheckpointStore.js';
import { RivuletError } from '../../../src/errors.js';
import { registerPlatform } from '../../../src/platform/platform.js';
import { recordingLogger } from './checkpointStoreContract.js';

describe('resolveCheckpointStore', () => {
  it('without a platform, a store is used as given and a path is PLATFORM_NOT_REGISTERED', () => {
    const store = new MemoryCheckpointStore();
    expect(resolveCheckpointStore(store, recordingLogger())).toBe(store);
    const error = (() => {
      try {
        resolveCheckpointStore('checkpoints', recordingLogger());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as RivuletError).code).toBe('PLATFORM_NOT_REGISTERED');
  });

  it("a path becomes the registered platform's store for it, reporting to the given logger", () => {
    const opened: [string, unknown][] = [];
    const made = new MemoryCheckpointStore();
    registerPlatform({
      name: 'test',
      fileSystem: () => {
        throw new Error('not used');
      },
      checkpointStore: (path, logger): CheckpointStore => (opened.push([path, logger]), made),
    });
    const logger = recordingLogger();
    expect(resolveCheckpointStore('checkpoints/app', logger)).toBe(made);
    expect(opened).toEqual([['checkpoints/app', logger]]);
  });
});
