/** `NodeFileSystem` against the FileSystem contract, in a real temporary directory. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../../../src/platform/node/NodeFileSystem.js';
import { describeFileSystemContract } from '../fileSystemContract.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rivulet-fs-'));
}

describeFileSystemContract('NodeFileSystem', async () => {
  const dir = await tempDir();
  return { fs: new NodeFileSystem(), root: `${dir}/`, dispose: () => rm(dir, { recursive: true, force: true }) };
});

describe('NodeFileSystem', () => {
  it('leaves no temporary file behind after a write', async () => {
    const dir = await tempDir();
    try {
      const fs = new NodeFileSystem();
      await fs.writeFile(join(dir, 'a.txt'), 'x');
      await fs.writeFile(join(dir, 'a.txt'), 'y');
      expect(await readdir(dir)).toEqual(['a.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('resolves relative paths against the working directory', async () => {
    const dir = await tempDir();
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const fs = new NodeFileSystem();
      await fs.writeFile('rel/a.txt', 'relative');
      expect(await fs.readFile(join(dir, 'rel', 'a.txt'))).toBe('relative');
    } finally {
      process.chdir(cwd);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
