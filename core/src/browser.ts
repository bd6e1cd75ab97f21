/**
 * Entry point for browsers and Web Workers (the `browser` and `default` conditions of `rivulet`'s
 * exports): registers the browser's platform defaults — outputs saved to IndexedDB, one database
 * per checkpoint name (`'rivulet'` without one), checkpoints to the database `<name>:checkpoint`
 * — then exports the public API.
 */
import { IndexedDbCheckpointStore } from './platform/browser/IndexedDbCheckpointStore.js';
import { IndexedDbFileSystem } from './platform/browser/IndexedDbFileSystem.js';
import { browserSources } from './platform/browser/browserSources.js';
import { registerPlatform } from './platform/platform.js';

const databases = new Map<string, IndexedDbFileSystem>();
registerPlatform({
  name: 'browser',
  sources: browserSources,
  fileSystem(name = 'rivulet') {
    let files = databases.get(name);
    if (!files) databases.set(name, (files = new IndexedDbFileSystem(name)));
    return files;
  },
  checkpointStore: (name, logger) => new IndexedDbCheckpointStore(`${name}:checkpoint`, { logger }),
});

export * from './index.js';
export { IndexedDbCheckpointStore };
export { createBrowserEngine, type BrowserEngineOptions } from './platform/browser/createBrowserEngine.js';
