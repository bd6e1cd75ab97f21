import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalFiles, LocalFileStatus } from '../PlatformSources.js';

/** Lists and reads a local directory with `node:fs`'s synchronous calls, as `LocalFiles` requires (Spark: Hadoop's `LocalFileSystem`). */
export class NodeLocalFiles implements LocalFiles {
  listFiles(directory: string): LocalFileStatus[] {
    const files: LocalFileStatus[] = [];
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      // statSync follows symbolic links; a file removed since readdir is skipped, not an error.
      const stat = statSync(path, { throwIfNoEntry: false });
      // Rounded, not floored: `utimes(path, 42.001, ...)` stores 42.000999999 s (libuv truncates to ns).
      if (stat?.isFile()) files.push({ name, path, modificationTimeMs: Math.round(stat.mtimeMs) });
    }
    return files;
  }

  readFile(path: string): Uint8Array {
    return readFileSync(path);
  }
}
