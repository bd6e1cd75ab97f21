import type { CheckpointStoreOptions } from './CheckpointStore.js';
import { DirectoryCheckpointStore } from './DirectoryCheckpointStore.js';
import { MemoryDirectory } from './MemoryDirectory.js';

/**
 * A checkpoint store in memory, on every platform: the directory store's layout and checks over
 * files that live as long as this object, so a test can stop a context and recover a new one
 * from the same store. `close()` keeps the data. For tests and the test kit; nothing survives
 * the process.
 */
export class MemoryCheckpointStore extends DirectoryCheckpointStore {
  constructor(options?: CheckpointStoreOptions) {
    super(new MemoryDirectory(), options);
  }
}
