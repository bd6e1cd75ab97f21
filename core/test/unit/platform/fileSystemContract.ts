/**
 * The `FileSystem` contract as tests, shared by every implementation so that the same test names
 * run against Node's files, fake-indexeddb in Node, and real IndexedDB in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { RivuletError } from '../../../src/errors.js';
import type { FileSystem } from '../../../src/platform/FileSystem.js';

/** A fresh, empty file system rooted at `root` (a path prefix ending in `/`, or `''`). */
export interface FileSystemFixture {
  readonly fs: FileSystem;
  readonly root: string;
  dispose(): Promise<void>;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function expectNotFound(error: unknown): void {
  expect(error).toBeInstanceOf(RivuletError);
  expect((error as RivuletError).code).toBe('FILE_NOT_FOUND');
}

export function describeFileSystemContract(name: string, setup: () => Promise<FileSystemFixture>): void {
  describe(`${name} (FileSystem contract)`, () => {
    const withFs = (body: (fs: FileSystem, root: string) => Promise<void>) => async () => {
      const fixture = await setup();
      try {
        await body(fixture.fs, fixture.root);
      } finally {
        await fixture.dispose();
      }
    };

    it(
      'writeFile then readFile returns the data, and a second write replaces it',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}a.txt`, 'one\ntwo\n');
        expect(await fs.readFile(`${root}a.txt`)).toBe('one\ntwo\n');
        await fs.writeFile(`${root}a.txt`, 'ü and 🚀');
        expect(await fs.readFile(`${root}a.txt`)).toBe('ü and 🚀');
        await fs.writeFile(`${root}empty`, '');
        expect(await fs.readFile(`${root}empty`)).toBe('');
      }),
    );

    it(
      'writeFile creates missing parent directories',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}x/y/z.txt`, 'deep');
        expect(await fs.exists(`${root}x`)).toBe(true);
        expect(await fs.list(`${root}x`)).toEqual(['y']);
        expect(await fs.list(`${root}x/y`)).toEqual(['z.txt']);
      }),
    );

    it(
      'readFile and list of a missing path reject with FILE_NOT_FOUND',
      withFs(async (fs, root) => {
        expectNotFound(await rejection(fs.readFile(`${root}missing.txt`)));
        expectNotFound(await rejection(fs.list(`${root}missing`)));
      }),
    );

    it(
      'list returns the sorted names of direct children only',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}d/part-00001`, '1');
        await fs.writeFile(`${root}d/part-00000`, '0');
        await fs.writeFile(`${root}d/_SUCCESS`, '');
        await fs.writeFile(`${root}d/sub/inner`, 'i');
        await fs.writeFile(`${root}d0`, 'a sibling whose name starts like the directory');
        expect(await fs.list(`${root}d`)).toEqual(['_SUCCESS', 'part-00000', 'part-00001', 'sub']);
        expect(await fs.list(`${root}d/`)).toEqual(['_SUCCESS', 'part-00000', 'part-00001', 'sub']);
      }),
    );

    it(
      'mkdirs creates a directory and its parents, and accepts an existing one',
      withFs(async (fs, root) => {
        await fs.mkdirs(`${root}p/q/r`);
        await fs.mkdirs(`${root}p/q/r`);
        expect(await fs.exists(`${root}p/q/r`)).toBe(true);
        expect(await fs.list(`${root}p/q/r`)).toEqual([]);
        expect(await fs.list(`${root}p`)).toEqual(['q']);
      }),
    );

    it(
      'paths ignore repeated slashes and dot segments',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}m//n/./o.txt`, 'same');
        expect(await fs.readFile(`${root}m/n/o.txt`)).toBe('same');
      }),
    );

    it(
      'exists tells files and directories from missing paths',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}f.txt`, 'x');
        expect(await fs.exists(`${root}f.txt`)).toBe(true);
        expect(await fs.exists(`${root}nothing`)).toBe(false);
      }),
    );

    it(
      'remove deletes a file, a directory with its contents, and accepts a missing path',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}keep.txt`, 'k');
        await fs.writeFile(`${root}gone.txt`, 'g');
        await fs.writeFile(`${root}tree/a/b.txt`, 'b');
        await fs.writeFile(`${root}tree/c.txt`, 'c');
        await fs.writeFile(`${root}tree0.txt`, 'a sibling that must survive');
        await fs.remove(`${root}gone.txt`);
        await fs.remove(`${root}tree`);
        await fs.remove(`${root}never-existed`);
        expect(await fs.exists(`${root}gone.txt`)).toBe(false);
        expect(await fs.exists(`${root}tree`)).toBe(false);
        expect(await fs.exists(`${root}tree/a/b.txt`)).toBe(false);
        expect(await fs.readFile(`${root}keep.txt`)).toBe('k');
        expect(await fs.readFile(`${root}tree0.txt`)).toBe('a sibling that must survive');
      }),
    );

    it(
      'rename moves a file, replacing the target',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}from.txt`, 'new');
        await fs.writeFile(`${root}to/file.txt`, 'old');
        await fs.rename(`${root}from.txt`, `${root}to/file.txt`);
        expect(await fs.exists(`${root}from.txt`)).toBe(false);
        expect(await fs.readFile(`${root}to/file.txt`)).toBe('new');
      }),
    );

    it(
      'rename moves a directory with its contents',
      withFs(async (fs, root) => {
        await fs.writeFile(`${root}out/_temporary/part-00000`, '0');
        await fs.writeFile(`${root}out/_temporary/nested/x`, 'x');
        await fs.rename(`${root}out/_temporary`, `${root}final/batch`);
        expect(await fs.exists(`${root}out/_temporary`)).toBe(false);
        expect(await fs.list(`${root}final/batch`)).toEqual(['nested', 'part-00000']);
        expect(await fs.readFile(`${root}final/batch/nested/x`)).toBe('x');
        expect(await fs.list(`${root}out`)).toEqual([]);
      }),
    );

    it(
      'rename of a missing path rejects with FILE_NOT_FOUND',
      withFs(async (fs, root) => {
        expectNotFound(await rejection(fs.rename(`${root}nope`, `${root}somewhere`)));
      }),
    );
  });
}
