/**
 * Sends each batch's word counts to an external system through a pool of reused connections —
 * the pattern of Spark's programming guide ("Design Patterns for using foreachRDD"):
 *
 *   dstream.foreachRDD((rdd) => rdd.foreachPartition(async (records) => {
 *     const connection = await pool.get();   // lazily created, then reused
 *     for (const record of records) await connection.send(record);
 *     pool.release(connection);              // back to the pool for the next partition or batch
 *   }));
 *
 * Creating a connection per record (or per batch, on the driver) is what the pattern avoids. The
 * "external system" here is a small TCP server in the same process; at the end the example prints
 * how many records it received over how few connections. The data is `generatorStream`'s seeded
 * synthetic words.
 *
 * Usage: node examples/ConnectionPoolSink.mjs [--batches N]
 */
import { createConnection, createServer } from 'node:net';
import { Seconds, StreamingContext } from 'rivulet';
import { exampleArgs, stopAfterBatches } from './exampleArgs.mjs';

const { batches } = exampleArgs('node examples/ConnectionPoolSink.mjs');

// ---- The external system: counts the lines it receives, and the connections they came over ----
let receivedLines = 0;
let acceptedConnections = 0;
const sink = createServer((socket) => {
  acceptedConnections++;
  socket.setEncoding('utf8');
  socket.on('data', (text) => (receivedLines += text.split('\n').length - 1));
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkPort = sink.address().port;

// ---- A lazily created pool of reused connections ----
class ConnectionPool {
  idle = [];
  all = [];

  /** An idle connection, or a new one when none is idle. */
  async get() {
    const reused = this.idle.pop();
    if (reused) return reused;
    const socket = createConnection(sinkPort, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const connection = {
      send: (record) => new Promise((resolve) => (socket.write(`${JSON.stringify(record)}\n`) ? resolve() : socket.once('drain', resolve))),
      close: () => new Promise((resolve) => socket.end(resolve)),
    };
    this.all.push(connection);
    return connection;
  }

  release(connection) {
    this.idle.push(connection);
  }

  async closeAll() {
    await Promise.all(this.all.map((connection) => connection.close()));
  }
}
const pool = new ConnectionPool();

// ---- The streaming program ----
const ssc = new StreamingContext({ appName: 'ConnectionPoolSink', batchDuration: Seconds(1) });
const wordCounts = ssc
  .generatorStream({ kind: 'words', ratePerSecond: 200, wordsPerLine: 5, seed: 7 })
  .flatMap((line) => line.split(' '))
  .map((word) => [word, 1])
  .reduceByKey((a, b) => a + b, 4);

wordCounts.foreachRDD((rdd) =>
  rdd.foreachPartition(async (records) => {
    const connection = await pool.get();
    for (const record of records) await connection.send(record);
    pool.release(connection);
  }),
);
wordCounts.print(5);

stopAfterBatches(ssc, batches);
ssc.start();
await ssc.awaitTermination();
await pool.closeAll();
await new Promise((resolve) => sink.close(resolve));
console.log(`The sink received ${receivedLines} records over ${acceptedConnections} pooled connection(s).`);
