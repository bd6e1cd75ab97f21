/**
 * The few file operations `DirectoryCheckpointStore` needs, with the durability each must give;
 * `NodeCheckpointDirectory` implements them with `node:fs`, `MemoryDirectory` in memory. Paths
 * are `name` or `folder/name`, one folder level deep; folders appear when written to.
 *
 * Contract:
 * - `writeAtomic` replaces a file so that after a crash it holds the old bytes or the new ones,
 *   and resolves once the new bytes and the directory entry are durable (temp file, fsync,
 *   rename, fsync of the directory).
 * - `append` adds bytes at the end of a file (creating it) and resolves with the offset they
 *   start at once they are durable. After a crash a file may end in a torn append; callers
 *   never append to a file an earlier process wrote.
 * - `read`/`readRange`/`size` of a missing file are `undefined`; `readRange` may return fewer
 *   bytes than asked when the file is shorter. `list` of a missing folder is `[]` and never shows
 *   the temporary files of `writeAtomic`; `removeTemporaries` deletes those a crash left behind.
 * - `remove` of a missing file is fine. `close` releases open handles; later calls reopen them.
 */
export interface DurableDirectory {
  /** Where the files are, for messages (`/var/app/checkpoint`, `memory`). */
  readonly location: string;
  list(folder: string): Promise<string[]>;
  read(path: string): Promise<Uint8Array | undefined>;
  readRange(path: string, offset: number, length: number): Promise<Uint8Array | undefined>;
  size(path: string): Promise<number | undefined>;
  writeAtomic(path: string, data: Uint8Array): Promise<void>;
  append(path: string, data: Uint8Array): Promise<number>;
  remove(path: string): Promise<void>;
  removeTemporaries(folder: string): Promise<void>;
  close(): Promise<void>;
}
