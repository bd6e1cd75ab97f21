/**
 * Entry point for Node (the `node` condition of `rivulet`'s exports): registers Node's platform
 * defaults — outputs saved to local files — then exports the public API.
 */
import { NodeFileSystem } from './platform/node/NodeFileSystem.js';
import { registerPlatform } from './platform/platform.js';

const files = new NodeFileSystem();
registerPlatform({ name: 'node', fileSystem: () => files });

export * from './index.js';
