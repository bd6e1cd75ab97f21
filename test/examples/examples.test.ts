/**
 * Every example of examples/ runs to completion from plain Node with `--batches N`, printing what
 * its Spark original prints. The network examples read from a TCP server on 127.0.0.1 standing in
 * for `nc -lk`; TextFileWordCount watches a temp directory a file is moved into once the example
 * has printed its first batch (so it is running).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedBatches, runExample, sumCounts } from './runExample.ts';

const TEXT = 'to be or not to be\nthat is the question\n';
const COUNTS = { to: 2, be: 2, or: 1, not: 1, that: 1, is: 1, the: 1, question: 1 };

let server: Server;
let port = 0;
const connections: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    connections.push(socket);
    socket.write(TEXT);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('examples', () => {
  it('CustomReceiver counts the words a server sends, through a Receiver subclass', async () => {
    const run = await runExample('CustomReceiver', ['127.0.0.1', String(port), '--batches', '3']);
    expect(run.code).toBe(0);
    expect(sumCounts(printedBatches(run.stdout))).toEqual(COUNTS);
  });

  it('StatefulNetworkWordCount keeps running counts with mapWithState, from an initial state', async () => {
    const run = await runExample('StatefulNetworkWordCount', ['127.0.0.1', String(port), '--batches', '2']);
    expect(run.code).toBe(0);
    const lines = printedBatches(run.stdout).flatMap((b) => b.lines);
    expect(lines).toEqual(expect.arrayContaining(['(to,2)', '(be,2)', '(that,1)', '(the,1)']));
  });

  it('WindowedNetworkWordCount counts the last 30 seconds every 10 seconds, with an inverse reduce', async () => {
    const run = await runExample('WindowedNetworkWordCount', ['127.0.0.1', String(port), '--batches', '1']);
    expect(run.code).toBe(0);
    const batches = printedBatches(run.stdout);
    expect(batches.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < batches.length; i++) expect((batches[i]!.timeMs - batches[0]!.timeMs) % 10_000).toBe(0);
    expect(sumCounts(batches.slice(0, 1))).toEqual(COUNTS);
  });

  it('TextFileWordCount counts the words of a file moved into its directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rivulet-example-'));
    try {
      let moved = false;
      const run = await runExample('TextFileWordCount', [root, '--batches', '3'], (stdout) => {
        if (moved || printedBatches(stdout).length === 0) return;
        moved = true; // it is running: write the file aside, then move it in whole
        writeFileSync(join(root, '.words.tmp'), TEXT);
        renameSync(join(root, '.words.tmp'), join(root, 'words.txt'));
      });
      expect(run.code).toBe(0);
      expect(sumCounts(printedBatches(run.stdout))).toEqual(COUNTS);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('QueueStream counts 1..1000 by last digit, one RDD per batch', async () => {
    const run = await runExample('QueueStream', ['--batches', '2']);
    expect(run.code).toBe(0);
    const batches = printedBatches(run.stdout);
    expect(batches).toHaveLength(2);
    for (const batch of batches) expect([...batch.lines].sort()).toEqual(Array.from({ length: 10 }, (_, d) => `(${d},100)`));
  });

  it('WebSocketWordCount counts the words its local ws server sends', async () => {
    const run = await runExample('WebSocketWordCount', ['--batches', '2']);
    expect(run.code).toBe(0);
    const counts = sumCounts(printedBatches(run.stdout));
    expect(Object.keys(counts).length).toBeGreaterThan(0);
    const poem = new Set('row your boat gently down the stream merrily life is but a dream'.split(' '));
    expect(Object.keys(counts).filter((word) => !poem.has(word))).toEqual([]);
  });

  it('ConnectionPoolSink sends every batch through a few reused connections', async () => {
    const run = await runExample('ConnectionPoolSink', ['--batches', '3']);
    expect(run.code).toBe(0);
    const summary = /The sink received (\d+) records over (\d+) pooled connection\(s\)\./.exec(run.stdout);
    expect(Number(summary?.[1])).toBeGreaterThan(0);
    expect(Number(summary?.[2])).toBeGreaterThanOrEqual(1);
    expect(Number(summary?.[2])).toBeLessThanOrEqual(4); // at most one per partition, reused across batches
  });
});
