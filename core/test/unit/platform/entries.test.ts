/** The Node entry registers Node's platform defaults and exports the same API as `index.ts`. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as fromIndex from '../../../src/index.js';
import * as fromNode from '../../../src/node.js';
import { NodeDirectoryCheckpointStore } from '../../../src/platform/node/NodeDirectoryCheckpointStore.js';
import { NodeFileSystem } from '../../../src/platform/node/NodeFileSystem.js';
import { currentPlatform } from '../../../src/platform/platform.js';
import { consoleLogger } from '../../../src/util/Logger.js';

describe('node entry', () => {
  it('registers the Node platform, whose file system is the local one', () => {
    expect(currentPlatform().name).toBe('node');
    expect(currentPlatform().fileSystem('any-checkpoint-name')).toBeInstanceOf(NodeFileSystem);
  });

  it('exports the public API unchanged, plus its Node-only classes', () => {
    const nodeOnly = ['NodeDirectoryCheckpointStore', 'createNodeEngine'];
    expect(Object.keys(fromNode).sort()).toEqual([...Object.keys(fromIndex), ...nodeOnly].sort());
    expect(fromNode.StreamingContext).toBe(fromIndex.StreamingContext);
  });

  it('opens a NodeDirectoryCheckpointStore for ssc.checkpoint(path)', () => {
    const store = currentPlatform().checkpointStore('checkpoints/app', consoleLogger);
    expect(store).toBeInstanceOf(NodeDirectoryCheckpointStore);
    expect(store.name).toBe(resolve('checkpoints/app'));
  });
});
