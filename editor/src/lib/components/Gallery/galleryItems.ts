import { examplePipelines, type ExamplePipeline } from '../../examples';
import type { GalleryEntry, GalleryItem } from './types';

const GUIDE = 'https://spark.apache.org/docs/latest/streaming-programming-guide.html';

/**
 * What the gallery says about each example, in the order it shows them: a few sentences for a
 * learner and the section of Spark's Streaming programming guide that explains the idea.
 */
export const galleryItems: readonly GalleryItem[] = [
  {
    file: 'wordCount',
    title: 'Network word count',
    explanation:
      "The guide's first program, with a seeded generator standing in for `nc -lk 9999`. Every second the lines that arrived become one batch (an RDD): `flatMap` splits them into words, `map` pairs each word with 1, and `reduceByKey` adds the pairs up. Counts start from zero in every batch; nothing is remembered between batches.",
    guide: { section: 'A Quick Example', url: `${GUIDE}#a-quick-example` },
  },
  {
    file: 'statefulWordCount',
    title: 'Stateful word count',
    explanation:
      "Here the counts keep growing. `updateStateByKey` calls your function for every word with this batch's values and the total so far, and keeps what it returns as the word's state. Spark insists on checkpointing for state, so this pipeline checkpoints to your browser's IndexedDB after every batch.",
    guide: { section: 'UpdateStateByKey Operation', url: `${GUIDE}#updatestatebykey-operation` },
  },
  {
    file: 'windowedCounts',
    title: 'Windowed counts, with an inverse function',
    explanation:
      'Word counts over the last 10 seconds, every 2 seconds. With an inverse function, `reduceByKeyAndWindow` updates the previous window instead of recomputing it: it adds the counts of the batches that entered and subtracts those of the batches that left. That keeps state between windows, so it needs checkpointing; `filterFunc` drops words whose count fell back to 0.',
    guide: { section: 'Window Operations', url: `${GUIDE}#window-operations` },
  },
  {
    file: 'windowedCountsNoInverse',
    title: 'Windowed counts, without an inverse',
    explanation:
      'The same 10-second window every 2 seconds, without the inverse function: each window reduces all five of its batches again from scratch. Nothing carries over from one window to the next, so it needs no checkpointing, but every window does the whole window’s work. Its counts agree with the incremental version’s.',
    guide: { section: 'Window Operations', url: `${GUIDE}#window-operations` },
  },
  {
    file: 'clickJoin',
    title: 'Stream-stream join',
    explanation:
      "Clicks, keyed by user, joined with the impressions the same users saw in the last 3 seconds, like the guide's `windowedStream1.join(stream2)`. A join pairs the records of both streams' RDDs of the same batch, so the window is what lets a click meet an impression from an earlier batch. The filter keeps the clicks on the page that was shown.",
    guide: { section: 'Join Operations', url: `${GUIDE}#join-operations` },
  },
  {
    file: 'spamFilter',
    title: 'Spam filter: transform with a static RDD',
    explanation:
      "`transform` runs any RDD operation on every batch. Here it joins each batch's word counts with a static RDD of spam words, something the DStream operators alone cannot do, and drops the words marked as spam: the guide's example of cleaning a stream with precomputed information.",
    guide: { section: 'Transform Operation', url: `${GUIDE}#transform-operation` },
  },
  {
    file: 'userSessions',
    title: 'User sessions with mapWithState',
    explanation:
      "`mapWithState`, the successor of `updateStateByKey`, keeps a click count per user, emits a record on every call, and lets idle keys time out. When a user has been idle for 3 seconds, the function is called once more with `state.isTimingOut()` and reports the session's total.",
    guide: { section: 'UpdateStateByKey Operation', url: `${GUIDE}#updatestatebykey-operation` },
  },
  {
    file: 'driverRecovery',
    title: 'Driver failure and recovery',
    explanation:
      'A running count per word with checkpointing on, made to be killed. After a driver failure, `StreamingContext.getOrCreate` re-creates the context from the checkpoint data, and the counts carry on from there.',
    guide: { section: 'Checkpointing', url: `${GUIDE}#checkpointing` },
    steps: [
      'Run it for a few batches: a checkpoint is written after each one (Checkpoints tab).',
      'Simulate driver failure (Checkpoints tab) kills the engine’s worker mid-run.',
      'Recover rebuilds it from IndexedDB: the totals go on, not from zero.',
    ],
  },
];

/** The examples in gallery order, each with what the gallery says about it (any example without an item comes last). */
export function galleryEntries(examples: readonly ExamplePipeline[] = examplePipelines): GalleryEntry[] {
  const byFile = new Map(examples.map((e) => [e.file, e]));
  const described = galleryItems.flatMap((item) => {
    const example = byFile.get(item.file);
    return example ? [{ ...item, spec: example.spec }] : [];
  });
  const rest = examples
    .filter((e) => !galleryItems.some((item) => item.file === e.file))
    .map((e) => ({ file: e.file, title: e.spec.name ?? e.file, explanation: e.spec.description ?? '', spec: e.spec }));
  return [...described, ...rest];
}
