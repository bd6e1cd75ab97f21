/**
 * Creates a queue of RDDs, feeds them to a stream one per second and counts the numbers by their
 * last digit — a port of Spark's `QueueStream` example.
 *
 * Usage: node examples/QueueStream.mjs [--batches N]
 */
import { Seconds, StreamingContext } from 'rivulet';
import { exampleArgs, stopAfterBatches } from './exampleArgs.mjs';

const { batches } = exampleArgs('node examples/QueueStream.mjs');

const ssc = new StreamingContext({ appName: 'QueueStream', batchDuration: Seconds(1) });

// Create the queue through which RDDs can be pushed to a QueueInputDStream
const rddQueue = [];

// Create the QueueInputDStream and use it do some processing
const inputStream = ssc.queueStream(rddQueue);
const mappedStream = inputStream.map((x) => [x % 10, 1]);
const reducedStream = mappedStream.reduceByKey((a, b) => a + b);
reducedStream.print();

stopAfterBatches(ssc, batches);
ssc.start();

// Create and push some RDDs into rddQueue, one a second, 30 times
const oneToThousand = Array.from({ length: 1000 }, (_, i) => i + 1);
for (let i = 1; i <= 30 && ssc.getState() === 'ACTIVE'; i++) {
  rddQueue.push(ssc.rddContext.parallelize(oneToThousand, 10));
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
if (ssc.getState() === 'ACTIVE') await ssc.stop();
