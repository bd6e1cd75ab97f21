/** Specs and helpers shared by the engine host's tests (in-process, Node worker, CLI). */
import type { EngineEvent } from '../../../../src/pipeline/host/EngineEvent.ts';
import { outputLines } from '../../../../src/pipeline/host/outputLines.ts';
import type { PipelineSpec } from '../../../../src/index.ts';

/** The bundle `core/test/buildNodeEngineWorker.ts` writes before the core-node tests run. */
export const nodeEngineWorkerUrl = new URL('../../../../.test-dist/nodeEngineWorker.js', import.meta.url);

/** A literal word count: `batches` of lines through flatMap, map, reduceByKey into print. */
export function wordCountSpec(batches: string[][], mapFunc = '(word) => [word, 1]'): PipelineSpec {
  return {
    version: 1,
    name: 'literal word count',
    batchDurationMs: 1000,
    nodes: [
      { id: 'lines', operator: 'queueStream', params: { batches, numSlices: 2 } },
      { id: 'words', operator: 'flatMap', params: { flatMapFunc: "(line) => line.split(' ')" } },
      { id: 'pairs', operator: 'map', params: { mapFunc } },
      { id: 'counts', operator: 'reduceByKey', params: { reduceFunc: '(a, b) => a + b', numPartitions: 2 } },
      { id: 'print', operator: 'print', params: {} },
    ],
    edges: [
      { source: 'lines', target: 'words' },
      { source: 'words', target: 'pairs' },
      { source: 'pairs', target: 'counts' },
      { source: 'counts', target: 'print' },
    ],
  };
}

/** A word count whose map function never returns. */
export const runawaySpec = wordCountSpec([['a b']], '(word) => { for (;;) {} }');

/** A word count whose map function throws `boom` on the word `b`. */
export const throwingSpec = wordCountSpec([['a b']], "(word) => { if (word === 'b') throw new Error('boom'); return [word, 1]; }");

/** The events a subscriber received, flattened, and the lines `print()` wrote, in order. */
export function eventLog() {
  const events: EngineEvent[] = [];
  return {
    events,
    subscriber: (chunk: readonly EngineEvent[]) => void events.push(...chunk),
    lines: () => events.flatMap((e) => (e.type === 'linesPrinted' ? e.lines : [])),
    /** Printed lines and `collect`ed batches, as the compiled program prints them. */
    outputs: () => events.flatMap((e) => outputLines(e)),
    of: <T extends EngineEvent['type']>(type: T) => events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type),
  };
}
