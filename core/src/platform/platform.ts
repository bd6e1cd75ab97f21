import type { CheckpointStore } from '../checkpoint/CheckpointStore.js';
import { IllegalStateError } from '../errors.js';
import type { Logger } from '../util/Logger.js';
import type { FileSystem } from './FileSystem.js';
import type { PlatformSources } from './PlatformSources.js';

/**
 * What the engine needs from the platform it runs on. The package's entries register one:
 * `node.ts` (local files) and `browser.ts` (IndexedDB); the engine itself imports neither.
 */
export interface Platform {
  readonly name: string;
  /**
   * The file system outputs are saved to. `name` is the streaming context's checkpoint name when
   * `ssc.checkpoint(name)` was given a string: browsers use it as the IndexedDB database (default
   * `'rivulet'`); Node ignores it and resolves paths against the working directory.
   */
  fileSystem(name: string | undefined): FileSystem;
  /**
   * A new checkpoint store for `ssc.checkpoint(path)` given a string: Node opens the directory
   * `path` (`NodeDirectoryCheckpointStore`), browsers the IndexedDB database `<path>:checkpoint`
   * (`IndexedDbCheckpointStore`). The caller owns it and closes it.
   */
  checkpointStore(path: string, logger: Logger): CheckpointStore;
  /** What the sources need (TCP, directories, WebSocket, EventSource); each missing where unsupported. */
  readonly sources?: PlatformSources;
}

let registered: Platform | undefined;

/** Makes `platform` the one the engine uses; the last registration wins. */
export function registerPlatform(platform: Platform): void {
  registered = platform;
}

/**
 * The registered platform; throws `PLATFORM_NOT_REGISTERED` when the engine was loaded
 * without one (someone imported `src/index.ts` instead of the package).
 */
export function currentPlatform(): Platform {
  if (registered) return registered;
  throw new IllegalStateError(
    'PLATFORM_NOT_REGISTERED',
    "No platform is registered, so Rivulet has no file system to save to: import from 'rivulet' " +
      '(which resolves to its Node or browser entry) rather than its src/index.ts, or pass a ' +
      '`fileSystem` option to the StreamingContext.',
  );
}
