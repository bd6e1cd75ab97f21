/**
 * The example pipelines of `examples/pipelines/`, written again with the fluent API as a Spark
 * user would write them — closures instead of source text, in the order `compilePipeline`
 * builds streams. The examples test checks that each spec and its twin print the same lines.
 */
import { Seconds, StateSpec, type ClickEvent, type State, type StreamingContext } from '../../../src/index.js';

export interface Twin {
  readonly batchDurationMs: number;
  readonly checkpoint: boolean;
  /** How many batches show what the pipeline does (windows filling and sliding, sessions timing out). */
  readonly numBatches: number;
  readonly build: (ssc: StreamingContext) => void;
}

export const twins: Readonly<Record<string, Twin>> = {
  wordCount: {
    batchDurationMs: 1000,
    checkpoint: false,
    numBatches: 4,
    build(ssc) {
      const lines = ssc.generatorStream({ kind: 'words', seed: 7, ratePerSecond: 4, wordsPerLine: 5 });
      const words = lines.flatMap((line) => line.split(' '));
      const pairs = words.map((word): [string, number] => [word, 1]);
      const wordCounts = pairs.reduceByKey((a, b) => a + b);
      wordCounts.print();
    },
  },

  statefulWordCount: {
    batchDurationMs: 1000,
    checkpoint: true,
    numBatches: 5,
    build(ssc) {
      const lines = ssc.generatorStream({
        kind: 'words',
        seed: 11,
        ratePerSecond: 3,
        wordsPerLine: 3,
        vocabulary: ['spark', 'stream', 'batch', 'window', 'state', 'rdd'],
      });
      const pairs = lines.flatMap((line) => line.split(' ')).map((word): [string, number] => [word, 1]);
      const totals = pairs.updateStateByKey((values: number[], total: number | undefined) => (total ?? 0) + values.reduce((a, b) => a + b, 0));
      totals.print();
    },
  },

  driverRecovery: {
    batchDurationMs: 1000,
    checkpoint: true,
    numBatches: 6,
    build(ssc) {
      const lines = ssc.generatorStream({
        kind: 'words',
        seed: 17,
        ratePerSecond: 2,
        wordsPerLine: 2,
        vocabulary: ['driver', 'executor', 'checkpoint', 'recover'],
      });
      const pairs = lines.flatMap((line) => line.split(' ')).map((word): [string, number] => [word, 1]);
      const totals = pairs.updateStateByKey((values: number[], total: number | undefined) => (total ?? 0) + values.length);
      totals.checkpoint(Seconds(2));
      totals.print();
    },
  },

  windowedCounts: {
    batchDurationMs: 1000,
    checkpoint: true,
    numBatches: 16,
    build(ssc) {
      const lines = ssc.generatorStream({
        kind: 'words',
        seed: 3,
        ratePerSecond: 2,
        wordsPerLine: 2,
        vocabulary: ['apple', 'banana', 'cherry', 'damson', 'elder'],
      });
      const pairs = lines.flatMap((line) => line.split(' ')).map((word): [string, number] => [word, 1]);
      const windowed = pairs.reduceByKeyAndWindow(
        (a, b) => a + b,
        (a, b) => a - b,
        Seconds(10),
        Seconds(2),
        undefined,
        ([, count]) => count > 0,
      );
      windowed.checkpoint(Seconds(4));
      windowed.print(5);
      windowed.foreachRDD(async (rdd, time) => {
        ssc.printLine(`inspect ${time}: ${JSON.stringify(await rdd.take(100))}`);
      });
    },
  },

  windowedCountsNoInverse: {
    batchDurationMs: 1000,
    checkpoint: false,
    numBatches: 16,
    build(ssc) {
      const lines = ssc.generatorStream({
        kind: 'words',
        seed: 3,
        ratePerSecond: 2,
        wordsPerLine: 2,
        vocabulary: ['apple', 'banana', 'cherry', 'damson', 'elder'],
      });
      const pairs = lines.flatMap((line) => line.split(' ')).map((word): [string, number] => [word, 1]);
      const windowed = pairs.reduceByKeyAndWindow((a, b) => a + b, Seconds(10), Seconds(2));
      windowed.print(5);
      windowed.foreachRDD(async (rdd, time) => {
        ssc.printLine(`inspect ${time}: ${JSON.stringify(await rdd.take(100))}`);
      });
    },
  },

  clickJoin: {
    batchDurationMs: 1000,
    checkpoint: false,
    numBatches: 6,
    build(ssc) {
      const impressions = ssc.generatorStream({ kind: 'clicks', seed: 21, ratePerSecond: 4, users: 6, pages: 4 });
      const clicks = ssc.generatorStream({ kind: 'clicks', seed: 22, ratePerSecond: 2, users: 6, pages: 4 });
      const recentlyShown = impressions.map((i: ClickEvent): [string, string] => [i.user, i.page]).window(Seconds(3));
      const clicked = clicks.map((c: ClickEvent): [string, string] => [c.user, c.page]);
      const joined = recentlyShown.join(clicked);
      const converted = joined.filter(([, [shown, clickedPage]]) => shown === clickedPage);
      converted.print();
      joined.foreachRDD(async (rdd, time) => {
        ssc.printLine(`inspect ${time}: ${JSON.stringify(await rdd.take(1000))}`);
      });
    },
  },

  userSessions: {
    batchDurationMs: 1000,
    checkpoint: true,
    numBatches: 12,
    build(ssc) {
      const clicks = ssc.generatorStream({ kind: 'clicks', seed: 5, ratePerSecond: 3, users: 8, pages: 5 });
      const byUser = clicks.map((click): [string, number] => [click.user, 1]);
      const spec = StateSpec.function((user: string, click: number | undefined, state: State<number>) => {
        if (state.isTimingOut()) return [user, 'session ended', state.get()];
        const total = (state.getOption() ?? 0) + click!;
        state.update(total);
        return [user, 'clicks so far', total];
      }).timeout(Seconds(3));
      const sessions = byUser.mapWithState(spec);
      sessions.checkpoint(Seconds(2));
      sessions.print(20);
    },
  },

  spamFilter: {
    batchDurationMs: 1000,
    checkpoint: false,
    numBatches: 4,
    build(ssc) {
      const lines = ssc.generatorStream({
        kind: 'words',
        seed: 9,
        ratePerSecond: 4,
        wordsPerLine: 4,
        vocabulary: ['buy', 'now', 'spark', 'free', 'stream', 'winner', 'batch'],
      });
      const wordCounts = lines
        .flatMap((line) => line.split(' '))
        .map((word): [string, number] => [word, 1])
        .reduceByKey((a, b) => a + b);
      const spamInfo = ssc.rddContext.parallelize<[string, boolean]>([
        ['buy', true],
        ['free', true],
        ['winner', true],
        ['now', false],
      ]);
      const cleaned = wordCounts.transform((rdd) =>
        rdd
          .leftOuterJoin(spamInfo)
          .filter(([, [, isSpam]]) => isSpam !== true)
          .map(([word, [count]]): [string, number] => [word, count]),
      );
      cleaned.print();
    },
  },
};
