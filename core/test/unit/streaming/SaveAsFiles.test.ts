/**
 * `saveAsTextFiles` / `saveAsObjectFiles` on Node, in a real temporary directory: Spark's layout
 * (`prefix-<timeMs>[.suffix]/part-NNNNN` + `_SUCCESS`) through the platform's file system.
 */
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext, Time, type DStream, type FileSystem } from '../../../src/node.js';
import { NodeFileSystem } from '../../../src/platform/node/NodeFileSystem.js';
import { rddToFileName } from '../../../src/streaming/dstream/saveAsFiles.js';
import { TestInputStream } from '../../../src/testing/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rivulet-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `output` on the input batches (2 partitions each) and returns what listeners saw fail. */
async function run<T>(
  input: T[][],
  output: (s: DStream<T>) => void,
  options: { fileSystem?: FileSystem } = {},
): Promise<unknown[]> {
  const clock = new ManualClock();
  const errors: unknown[] = [];
  const ssc = new StreamingContext({
    batchDuration: Seconds(1),
    clock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    ...options,
  });
  ssc.addStreamingListener({
    onOutputOperationCompleted: ({ outputOperationInfo }) => {
      if (outputOperationInfo.failureReason !== undefined) errors.push(outputOperationInfo.error);
    },
  });
  output(new TestInputStream(ssc, input, 2));
  ssc.start();
  for (let i = 0; i < input.length; i++) await clock.advance(1000);
  await ssc.stop();
  return errors;
}

const text = (path: string): Promise<string> => readFile(path, 'utf8');

/** Node's file system with some methods replaced. */
function nodeFileSystemWith(overrides: Partial<FileSystem>): FileSystem {
  const base = new NodeFileSystem();
  return {
    writeFile: (path, data) => base.writeFile(path, data),
    readFile: (path) => base.readFile(path),
    mkdirs: (path) => base.mkdirs(path),
    list: (path) => base.list(path),
    exists: (path) => base.exists(path),
    remove: (path) => base.remove(path),
    rename: (from, to) => base.rename(from, to),
    ...overrides,
  };
}

describe('saveAsFiles', () => {
  it('saveAsTextFiles writes a directory per batch with one part per partition and _SUCCESS', async () => {
    const prefix = join(dir, 'out', 'words');
    const errors = await run([['a', 'b', 'a'], ['c']], (s) => s.map((w): [string, number] => [w, 1]).saveAsTextFiles(prefix, 'txt'));
    expect(errors).toEqual([]);
    expect(await readdir(join(dir, 'out'))).toEqual(['words-1000.txt', 'words-2000.txt']);
    expect(await readdir(`${prefix}-1000.txt`)).toEqual(['_SUCCESS', 'part-00000', 'part-00001']);
    // Partition p of 2 holds positions [⌊p·n/2⌋, ⌊(p+1)·n/2⌋); each element as Scala prints it.
    expect(await text(`${prefix}-1000.txt/part-00000`)).toBe('(a,1)\n');
    expect(await text(`${prefix}-1000.txt/part-00001`)).toBe('(b,1)\n(a,1)\n');
    expect(await text(`${prefix}-1000.txt/_SUCCESS`)).toBe('');
    expect(await text(`${prefix}-2000.txt/part-00000`)).toBe('');
    expect(await text(`${prefix}-2000.txt/part-00001`)).toBe('(c,1)\n');
  });

  it('saveAsTextFiles writes strings bare and other values as print() shows them', async () => {
    const prefix = join(dir, 'values');
    await run<unknown>([['plain', 42, true, undefined, { k: 'v' }, [1, [2, 'x']]]], (s) => s.saveAsTextFiles(prefix));
    const lines = (await text(`${prefix}-1000/part-00000`)) + (await text(`${prefix}-1000/part-00001`));
    expect(lines).toBe('plain\n42\ntrue\nNone\n{"k":"v"}\n(1,(2,x))\n');
  });

  it('saveAsObjectFiles writes one JSON value per line', async () => {
    const prefix = join(dir, 'objects');
    const records = [{ id: 1, tags: ['a'] }, ['k', 2], 'text', null, 3.5];
    await run<unknown>([records], (s) => s.saveAsObjectFiles(prefix, 'jsonl'));
    expect(await readdir(`${prefix}-1000.jsonl`)).toEqual(['_SUCCESS', 'part-00000', 'part-00001']);
    const parts = [await text(`${prefix}-1000.jsonl/part-00000`), await text(`${prefix}-1000.jsonl/part-00001`)];
    const readBack = parts.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
    expect(readBack).toEqual(records);
  });

  it('an empty batch still writes its (empty) parts and _SUCCESS', async () => {
    const prefix = join(dir, 'empty');
    await run([[]], (s) => s.saveAsTextFiles(prefix));
    expect(await readdir(`${prefix}-1000`)).toEqual(['_SUCCESS', 'part-00000', 'part-00001']);
    expect(await text(`${prefix}-1000/part-00000`)).toBe('');
  });

  it('a batch run again replaces its directory', async () => {
    const prefix = join(dir, 'again');
    await mkdir(`${prefix}-1000`, { recursive: true });
    await writeFile(`${prefix}-1000/part-00007`, 'stale output of an earlier run');
    await run([['x']], (s) => s.saveAsTextFiles(prefix));
    expect(await readdir(`${prefix}-1000`)).toEqual(['_SUCCESS', 'part-00000', 'part-00001']);
  });

  it('writes parts under _temporary, moves them into place, and writes _SUCCESS last', async () => {
    const base = new NodeFileSystem();
    const calls: string[] = [];
    const relative = (path: string): string => path.slice(dir.length + 1);
    const recording = nodeFileSystemWith({
      writeFile: (path, data) => (calls.push(`write ${relative(path)}`), base.writeFile(path, data)),
      mkdirs: (path) => (calls.push(`mkdirs ${relative(path)}`), base.mkdirs(path)),
      remove: (path) => (calls.push(`remove ${relative(path)}`), base.remove(path)),
      rename: (from, to) => (calls.push(`rename ${relative(from)} ${relative(to)}`), base.rename(from, to)),
    });
    await run([['x', 'y']], (s) => s.saveAsTextFiles(join(dir, 'p')), { fileSystem: recording });
    expect(calls).toEqual([
      'remove p-1000',
      'write p-1000/_temporary/part-00000',
      'write p-1000/_temporary/part-00001',
      'rename p-1000/_temporary/part-00000 p-1000/part-00000',
      'rename p-1000/_temporary/part-00001 p-1000/part-00001',
      'remove p-1000/_temporary',
      'write p-1000/_SUCCESS',
    ]);
  });

  it('a file system error fails the batch', async () => {
    const failing = nodeFileSystemWith({ writeFile: () => Promise.reject(new Error('disk full')) });
    const errors = await run([['x']], (s) => s.saveAsTextFiles(join(dir, 'f')), { fileSystem: failing });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('disk full');
  });

  it('names outputs as Spark does: prefix-<timeMs>[.suffix]', () => {
    const t = new Time(1000);
    expect(rddToFileName('out/words', 'txt', t)).toBe('out/words-1000.txt');
    expect(rddToFileName('out/words', undefined, t)).toBe('out/words-1000');
    expect(rddToFileName('out/words', '', t)).toBe('out/words-1000');
    expect(rddToFileName('', 'txt', t)).toBe('1000.txt');
  });
});
