import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RivuletError } from '../../errors.js';
import type { FileSystem } from '../FileSystem.js';

/**
 * The local file system through `node:fs/promises`; relative paths resolve against the working
 * directory. Writes go to a hidden temporary file in the same directory, then are renamed over
 * the target, which is atomic on one file system (Spark: Hadoop's `LocalFileSystem`).
 */
export class NodeFileSystem implements FileSystem {
  private nextTemp = 0;

  async writeFile(path: string, data: string): Promise<void> {
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${basename(path)}.${process.pid}-${this.nextTemp++}.tmp`);
    try {
      await writeFile(temp, data, 'utf8');
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  readFile(path: string): Promise<string> {
    return readFile(path, 'utf8').catch(notFound(path));
  }

  async mkdirs(path: string): Promise<void> {
    await mkdir(path, { recursive: true });
  }

  async list(path: string): Promise<string[]> {
    return (await readdir(path).catch(notFound(path))).sort();
  }

  async exists(path: string): Promise<boolean> {
    return stat(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
    );
  }

  remove(path: string): Promise<void> {
    return rm(path, { recursive: true, force: true });
  }

  async rename(from: string, to: string): Promise<void> {
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to).catch(notFound(from));
  }
}

/** Turns Node's ENOENT into the contract's `FILE_NOT_FOUND`; other errors pass through. */
function notFound(path: string): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    if (error.code !== 'ENOENT') throw error;
    throw new RivuletError('FILE_NOT_FOUND', `${path} does not exist.`, { cause: error });
  };
}
