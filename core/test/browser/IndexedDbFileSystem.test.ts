/**
 * `IndexedDbFileSystem` in real Chromium: the same FileSystem contract tests as on Node, and
 * `saveAsTextFiles` through the browser entry, which saves into the IndexedDB database named
 * after the context's checkpoint.
 */
import { deleteDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext } from '../../src/browser.js';
import { IndexedDbFileSystem } from '../../src/platform/browser/IndexedDbFileSystem.js';
import { currentPlatform } from '../../src/platform/platform.js';
import { TestInputStream } from '../../src/testing/index.js';
import { describeFileSystemContract } from '../unit/platform/fileSystemContract.js';

let nextDatabase = 0;

describeFileSystemContract('IndexedDbFileSystem', async () => {
  const fs = new IndexedDbFileSystem(`rivulet-browser-contract-${nextDatabase++}`);
  return {
    fs,
    root: '',
    dispose: async () => {
      await fs.close();
      await deleteDB(fs.databaseName);
    },
  };
});

describe('browser entry', () => {
  it('registers the browser platform: one IndexedDB file system per checkpoint name', () => {
    expect(typeof indexedDB).toBe('object'); // really in the browser
    const platform = currentPlatform();
    expect(platform.name).toBe('browser');
    const named = platform.fileSystem('my-app');
    expect(named).toBeInstanceOf(IndexedDbFileSystem);
    expect((named as IndexedDbFileSystem).databaseName).toBe('my-app');
    expect(platform.fileSystem('my-app')).toBe(named);
    expect((platform.fileSystem(undefined) as IndexedDbFileSystem).databaseName).toBe('rivulet');
  });

  it('saveAsTextFiles saves each batch into the database named after the checkpoint', async () => {
    const database = 'rivulet-browser-save';
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock });
    ssc.checkpoint(database);
    new TestInputStream(ssc, [['a', 'b', 'a'], ['c']], 2)
      .map((w): [string, number] => [w, 1])
      .reduceByKey((x, y) => x + y, 1)
      .saveAsTextFiles('counts', 'txt');
    ssc.start();
    await clock.advance(1000);
    await clock.advance(1000);
    await ssc.stop();

    const fs = new IndexedDbFileSystem(database);
    expect(await fs.list('')).toEqual(['counts-1000.txt', 'counts-2000.txt']);
    expect(await fs.list('counts-1000.txt')).toEqual(['_SUCCESS', 'part-00000']);
    expect((await fs.readFile('counts-1000.txt/part-00000')).split('\n').sort()).toEqual(['', '(a,2)', '(b,1)']);
    expect(await fs.readFile('counts-2000.txt/part-00000')).toBe('(c,1)\n');
    await fs.close();
    await deleteDB(database); // the platform's own connection closes itself for the deletion
  });
});
