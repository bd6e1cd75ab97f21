import { resolve } from 'node:path';
import type { CheckpointStoreOptions } from '../../checkpoint/CheckpointStore.js';
import { DirectoryCheckpointStore } from '../../checkpoint/DirectoryCheckpointStore.js';
import { NodeCheckpointDirectory } from './NodeCheckpointDirectory.js';

/**
 * A checkpoint store in a local directory (relative paths resolve against the working directory),
 * created on first write; what `ssc.checkpoint(path)` uses in Node (Spark: a checkpoint directory
 * on the local file system). The layout is `DirectoryCheckpointStore`'s. One writer per
 * directory: two processes must not checkpoint into the same one.
 */
export class NodeDirectoryCheckpointStore extends DirectoryCheckpointStore {
  constructor(
    readonly path: string,
    options?: CheckpointStoreOptions,
  ) {
    super(new NodeCheckpointDirectory(resolve(path)), options);
  }
}
