import { collectedLine } from '../compilePipeline.js';
import type { EngineEvent } from './EngineEvent.js';

/**
 * The lines an event's outputs would have printed in a program: `print()`'s lines, and a
 * `collect` node's batch as the exported program (and `compilePipeline`'s default) prints it.
 * The CLI writes these to stdout.
 */
export function outputLines(event: EngineEvent): readonly string[] {
  switch (event.type) {
    case 'linesPrinted':
      return event.lines;
    case 'collected':
      return [collectedLine({ nodeId: event.nodeId, timeMs: event.batchTimeMs, records: event.records })];
    default:
      return [];
  }
}
