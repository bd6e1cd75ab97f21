/**
 * Entry point for Node (the `node` condition of `rivulet`'s exports): registers Node's platform
 * defaults — outputs saved to local files, checkpoints to a directory — then exports the public API.
 */
import { NodeDirectoryCheckpointStore } from './platform/node/NodeDirectoryCheckpointStore.js';
import { NodeFileSystem } from './platform/node/NodeFileSystem.js';
import { nodeSources } from './platform/node/nodeSources.js';
import { registerPlatform } from './platform/platform.js';

const files = new NodeFileSystem();
registerPlatform({
  name: 'node',
  fileSystem: () => files,
  checkpointStore: (path, logger) => new NodeDirectoryCheckpointStore(path, { logger }),
  sources: nodeSources,
});

export * from './index.js';
export { NodeDirectoryCheckpointStore };
export { createNodeEngine, type NodeEngineOptions } from './platform/node/createNodeEngine.js';
