/** The Node entry registers Node's platform defaults and exports the same API as `index.ts`. */
import { describe, expect, it } from 'vitest';
import * as fromIndex from '../../../src/index.js';
import * as fromNode from '../../../src/node.js';
import { NodeFileSystem } from '../../../src/platform/node/NodeFileSystem.js';
import { currentPlatform } from '../../../src/platform/platform.js';

describe('node entry', () => {
  it('registers the Node platform, whose file system is the local one', () => {
    expect(currentPlatform().name).toBe('node');
    expect(currentPlatform().fileSystem('any-checkpoint-name')).toBeInstanceOf(NodeFileSystem);
  });

  it('exports the public API unchanged', () => {
    expect(Object.keys(fromNode).sort()).toEqual(Object.keys(fromIndex).sort());
    expect(fromNode.StreamingContext).toBe(fromIndex.StreamingContext);
  });
});
