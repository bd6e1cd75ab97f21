import type { EngineEvent } from 'rivulet';
import { MAX_PRINT_LINES, type LogEntry } from './runTypes';

let nextId = 1;

/** A new log entry, stamped now. */
export function logEntry(fields: Omit<LogEntry, 'id' | 'at'>): LogEntry {
  return { id: nextId++, at: Date.now(), ...fields };
}

/** A `print()` block (its output node is named later, when its output operation completes). */
export function printEntry(event: Extract<EngineEvent, { type: 'linesPrinted' }>): LogEntry {
  const { lines } = event;
  return logEntry({
    level: 'output',
    message: lines.find((l) => l.startsWith('Time:')) ?? 'print',
    ...(event.batchTimeMs === undefined ? {} : { batchTimeMs: event.batchTimeMs }),
    lines: lines.length > MAX_PRINT_LINES ? [...lines.slice(0, MAX_PRINT_LINES), `… ${lines.length - MAX_PRINT_LINES} more lines`] : lines,
  });
}

/** A `collect` node's batch, its records as JSON (cut short). */
export function collectedEntry(event: Extract<EngineEvent, { type: 'collected' }>): LogEntry {
  const json = JSON.stringify(event.records);
  const shown = json.length > 400 ? `${json.slice(0, 400)}…` : json;
  return logEntry({ level: 'output', nodeId: event.nodeId, batchTimeMs: event.batchTimeMs, message: `${event.total} records: ${shown}` });
}

/** The batches whose details the engine dropped because the page fell behind. */
export function droppedEntry(event: Extract<EngineEvent, { type: 'eventsDropped' }>): LogEntry {
  const n = event.batches;
  return logEntry({
    level: 'warn',
    message: `The page fell behind: the details of ${n} batch${n === 1 ? '' : 'es'} (${event.firstBatchTimeMs}–${event.lastBatchTimeMs} ms) were skipped.`,
  });
}
