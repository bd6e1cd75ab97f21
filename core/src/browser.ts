/**
 * Entry point for browsers and Web Workers (the `browser` and `default` conditions of `rivulet`'s
 * exports): registers the browser's platform defaults — outputs saved to IndexedDB, one database
 * per checkpoint name (`'rivulet'` without one) — then exports the public API.
 */
import { IndexedDbFileSystem } from './platform/browser/IndexedDbFileSystem.js';
import { registerPlatform } from './platform/platform.js';

const databases = new Map<string, IndexedDbFileSystem>();
registerPlatform({
  name: 'browser',
  fileSystem(name = 'rivulet') {
    let files = databases.get(name);
    if (!files) databases.set(name, (files = new IndexedDbFileSystem(name)));
    return files;
  },
});

export * from './index.js';
