import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DurableDirectory } from '../../checkpoint/DurableDirectory.js';

/**
 * `DurableDirectory` on local files. `writeAtomic`: temporary file `.<name>.tmp-<pid>-<n>`,
 * fsync, rename, fsync of the directory. `append`: one open handle per file, fdatasync per
 * append (and a directory fsync when the append created the file).
 */
export class NodeCheckpointDirectory implements DurableDirectory {
  private readonly appending = new Map<string, Promise<{ readonly handle: FileHandle; size: number }>>();
  private nextTemp = 0;

  constructor(readonly location: string) {}

  async list(folder: string): Promise<string[]> {
    const names = await readdir(join(this.location, folder)).catch(ifMissing([]));
    return names.filter((name) => !isTemporary(name)).sort();
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    return readFile(join(this.location, path)).catch(ifMissing(undefined));
  }

  async readRange(path: string, offset: number, length: number): Promise<Uint8Array | undefined> {
    const file = await open(join(this.location, path), 'r').catch(ifMissing(undefined));
    if (!file) return undefined;
    try {
      const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(length), position: offset });
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  async size(path: string): Promise<number | undefined> {
    return (await stat(join(this.location, path)).catch(ifMissing(undefined)))?.size;
  }

  async writeAtomic(path: string, data: Uint8Array): Promise<void> {
    const target = join(this.location, path);
    const dir = await this.ensureDir(dirname(target));
    const temp = join(dir, `.${path.slice(path.lastIndexOf('/') + 1)}.tmp-${process.pid}-${this.nextTemp++}`);
    try {
      const file = await open(temp, 'w');
      await file.writeFile(data).then(() => file.sync()).finally(() => file.close());
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDir(dir);
  }

  async append(path: string, data: Uint8Array): Promise<number> {
    let opened = this.appending.get(path);
    if (!opened) {
      opened = this.openForAppend(path);
      this.appending.set(path, opened);
      opened.catch(() => this.appending.delete(path)); // the next append tries again
    }
    const file = await opened;
    await file.handle.appendFile(data);
    await file.handle.datasync();
    file.size += data.length;
    return file.size - data.length;
  }

  async remove(path: string): Promise<void> {
    await this.closeAppending(path);
    await rm(join(this.location, path), { force: true });
  }

  async removeTemporaries(folder: string): Promise<void> {
    const names = await readdir(join(this.location, folder)).catch(ifMissing([]));
    await Promise.all(names.filter(isTemporary).map((name) => rm(join(this.location, folder, name), { force: true })));
  }

  async close(): Promise<void> {
    await Promise.all([...this.appending.keys()].map((path) => this.closeAppending(path)));
  }

  private async openForAppend(path: string) {
    const target = join(this.location, path);
    const dir = await this.ensureDir(dirname(target));
    const existed = (await stat(target).catch(ifMissing(undefined))) !== undefined;
    const handle = await open(target, 'a');
    if (!existed) await syncDir(dir);
    return { handle, size: (await handle.stat()).size };
  }

  private async closeAppending(path: string): Promise<void> {
    const opened = this.appending.get(path);
    this.appending.delete(path);
    if (opened) await (await opened).handle.close();
  }

  /** Creates `dir` (and the store's root) if missing, making each new entry durable in its parent. */
  private async ensureDir(dir: string): Promise<string> {
    const created = await mkdir(dir, { recursive: true }); // the topmost directory it made, if any
    if (created === undefined) return dir;
    const parents: string[] = []; // of every directory it made, top down
    for (let d = dir; ; d = dirname(d)) {
      parents.unshift(dirname(d));
      if (d === created || d === dirname(d)) break;
    }
    for (const parent of parents) await syncDir(parent);
    return dir;
  }
}

const isTemporary = (name: string): boolean => name.startsWith('.') && name.includes('.tmp-');

/** fsync of a directory, so a rename or a new file in it survives a crash; Windows cannot, and needs not. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (handle) await handle.sync().catch(() => undefined).finally(() => handle.close());
}

function ifMissing<T>(value: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === 'ENOENT') return value;
    throw error;
  };
}
