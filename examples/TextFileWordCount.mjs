/**
 * Counts words in new text files created in the given directory — a port of Spark's
 * `HdfsWordCount` example, on a local directory.
 *
 * Usage: node examples/TextFileWordCount.mjs <directory> [--batches N]
 *   <directory> is the directory that Rivulet monitors to find new text files.
 *
 * To run this on your local machine:
 *   mkdir -p /tmp/words && node examples/TextFileWordCount.mjs /tmp/words
 * then, in another shell, create files there atomically (write elsewhere, then move in):
 *   echo "hello world hello" > /tmp/words/.f1 && mv /tmp/words/.f1 /tmp/words/f1
 */
import { Seconds, StreamingContext } from 'rivulet';
import { exampleArgs, stopAfterBatches } from './exampleArgs.mjs';

const { args, batches } = exampleArgs('node examples/TextFileWordCount.mjs <directory>', 1);
const [directory] = args;

// Create the context
const ssc = new StreamingContext({ appName: 'TextFileWordCount', batchDuration: Seconds(2) });

// Create the FileInputDStream on the directory and use the stream to count words in new files
// created
const lines = ssc.textFileStream(directory);
const words = lines.flatMap((line) => line.split(' '));
const wordCounts = words.map((x) => [x, 1]).reduceByKey((a, b) => a + b);
wordCounts.print();

stopAfterBatches(ssc, batches);
ssc.start();
await ssc.awaitTermination();
