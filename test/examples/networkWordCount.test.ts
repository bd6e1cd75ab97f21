/**
 * End to end: examples/NetworkWordCount.mjs runs as a child process (plain Node, the built
 * package), connects to a TCP server on 127.0.0.1 standing in for `nc -lk`, and prints Spark's
 * `print()` batches; their counts add up to the words the server sent. The example stops itself
 * after `--batches 3`, gracefully, so whatever it received is counted even if it arrived late.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedBatches, runExample, sumCounts } from './runExample.ts';

let server: Server;
const connections: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    connections.push(socket);
    socket.write('to be or not to be\r\nthat is the question\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('NetworkWordCount example', () => {
  it('counts the words a loopback server sends, in Spark print() batches', async () => {
    const port = (server.address() as AddressInfo).port;
    const run = await runExample('NetworkWordCount', ['127.0.0.1', String(port), '--batches', '3']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const batches = printedBatches(run.stdout);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.timeMs - batches[i - 1]!.timeMs).toBe(1000);
    expect(batches.every((b) => b.timeMs % 1000 === 0)).toBe(true);
    expect(sumCounts(batches)).toEqual({ to: 2, be: 2, or: 1, not: 1, that: 1, is: 1, the: 1, question: 1 });
    expect(connections.length).toBe(1);
  });
});
