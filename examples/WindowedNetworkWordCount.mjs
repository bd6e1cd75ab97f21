/**
 * Counts words over the last 30 seconds of text received from the network, every 10 seconds —
 * the windowed word count of Spark's programming guide, with `reduceByKeyAndWindow` and an
 * inverse function (each window adds the new batch and subtracts the one that left it).
 *
 * Usage: node examples/WindowedNetworkWordCount.mjs <hostname> <port> [--batches N]
 *   (--batches counts windows: one every 10 seconds)
 *
 * To run this on your local machine, first run a data server, `nc -lk 9999`, then
 *   node examples/WindowedNetworkWordCount.mjs localhost 9999
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Seconds, StreamingContext } from 'rivulet';
import { exampleArgs, stopAfterBatches } from './exampleArgs.mjs';

const { args, batches } = exampleArgs('node examples/WindowedNetworkWordCount.mjs <hostname> <port>', 2);
const [hostname, port] = args;

const ssc = new StreamingContext({ appName: 'WindowedNetworkWordCount', batchDuration: Seconds(1) });
// The inverse reduce keeps the previous window's counts, so it needs checkpointing.
ssc.checkpoint(mkdtempSync(join(tmpdir(), 'rivulet-WindowedNetworkWordCount-')));

const lines = ssc.socketTextStream(hostname, Number(port));
const pairs = lines.flatMap((line) => line.split(' ')).map((word) => [word, 1]);

// Reduce last 30 seconds of data, every 10 seconds
const windowedWordCounts = pairs.reduceByKeyAndWindow(
  (a, b) => a + b,
  (a, b) => a - b,
  Seconds(30),
  Seconds(10),
);
// As in Spark, a word whose count falls back to 0 stays, printed as (word,0), until a filter
// function (reduceByKeyAndWindow's last argument) drops it.
windowedWordCounts.print();

stopAfterBatches(ssc, batches);
ssc.start();
await ssc.awaitTermination();
