/**
 * A small file system the engine writes outputs through (`saveAsTextFiles`, `saveAsObjectFiles`),
 * so that the same code saves to a Node directory or to IndexedDB in a browser (Spark: the Hadoop
 * `FileSystem` its output formats write to). Implementations: `NodeFileSystem`,
 * `IndexedDbFileSystem`; pass your own through the `fileSystem` option of a `StreamingContext`.
 *
 * Contract:
 * - Paths use `/` between segments. `.` segments and repeated or trailing slashes mean nothing
 *   (`a//b/` is `a/b`). How a relative path is anchored is the implementation's (Node: the working
 *   directory; IndexedDB: the database root, where `/a` and `a` are the same).
 * - `writeFile(path, data)` creates missing parent directories and replaces `path` atomically:
 *   a reader sees the old content or the new one, never a part of it.
 * - `readFile` and `list` reject with a `RivuletError` of code `FILE_NOT_FOUND` when `path` is
 *   missing; `list` returns the names (not paths) of a directory's direct children, sorted.
 * - `mkdirs` creates a directory and its missing parents; an existing directory is fine.
 * - `remove` deletes a file, or a directory with everything under it; a missing path is fine.
 * - `rename(from, to)` moves a file or a directory (with its contents) and replaces a `to` file.
 * - Every method is asynchronous and rejects with the underlying error on anything else.
 */
export interface FileSystem {
  writeFile(path: string, data: string): Promise<void>;
  readFile(path: string): Promise<string>;
  mkdirs(path: string): Promise<void>;
  list(path: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  remove(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

/** `path` split into its segments, with `.`, empty segments and `..` resolved (`..` at the root stays at the root). */
export function pathSegments(path: string): string[] {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}
