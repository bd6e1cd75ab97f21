/**
 * Counts words in text received over a WebSocket every second. A tiny local server (the `ws`
 * package) sends a line of a poem every 200 ms; `webSocketTextStream` makes each message a record
 * and reconnects if the socket closes. In a browser the same code uses the global `WebSocket`.
 *
 * Usage: node examples/WebSocketWordCount.mjs [--batches N]
 */
import { Seconds, StreamingContext } from 'rivulet';
import { WebSocketServer } from 'ws';
import { exampleArgs, stopAfterBatches } from './exampleArgs.mjs';

const { batches } = exampleArgs('node examples/WebSocketWordCount.mjs');

// ---- A tiny WebSocket server, standing in for a real feed ----
const poem = [
  'row row row your boat',
  'gently down the stream',
  'merrily merrily merrily merrily',
  'life is but a dream',
];
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
server.on('connection', (socket) => {
  let line = 0;
  const timer = setInterval(() => socket.send(poem[line++ % poem.length]), 200);
  socket.on('close', () => clearInterval(timer));
});
const url = `ws://127.0.0.1:${server.address().port}`;

// ---- The streaming program ----
const ssc = new StreamingContext({ appName: 'WebSocketWordCount', batchDuration: Seconds(1) });
const lines = ssc.webSocketTextStream(url);
const wordCounts = lines
  .flatMap((line) => line.split(' '))
  .map((word) => [word, 1])
  .reduceByKey((a, b) => a + b);
wordCounts.print();

stopAfterBatches(ssc, batches);
ssc.start();
await ssc.awaitTermination();
server.close();
