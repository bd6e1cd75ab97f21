import type { BatchSnapshot } from '../pipeline/host/EngineEvent.js';
import type { CliIo } from './CliIo.js';

/**
 * The `run` command's progress on stderr: one line per batch, redrawn in place on a terminal (and
 * cleared before output lines, so stdout and stderr do not garble each other).
 */
export class ProgressLine {
  private isShown = false;

  constructor(private readonly io: CliIo) {}

  show(snapshot: BatchSnapshot): void {
    const line = formatProgress(snapshot);
    if (!this.io.isStderrTTY) {
      this.io.stderr(`${line}\n`);
      return;
    }
    this.io.stderr(`\r\x1b[K${line}`);
    this.isShown = true;
  }

  /** Removes a redrawn line before other output. */
  clear(): void {
    if (!this.isShown) return;
    this.io.stderr('\r\x1b[K');
    this.isShown = false;
  }

  /** Leaves the last redrawn line on the screen. */
  end(): void {
    if (!this.isShown) return;
    this.io.stderr('\n');
    this.isShown = false;
  }
}

/** `batch 3000 ms: 12 records, scheduling delay 0 ms, processing 4 ms` (delays in real ms). */
export function formatProgress(snapshot: BatchSnapshot): string {
  const records = snapshot.batchInfo.numRecords;
  const failed = snapshot.batchInfo.outputOperations.some((o) => o.failureReason !== undefined);
  return (
    `batch ${snapshot.batchTimeMs} ms: ${records} record${records === 1 ? '' : 's'}, ` +
    `scheduling delay ${Math.round(snapshot.schedulingDelayMs)} ms, processing ${Math.round(snapshot.processingMs)} ms` +
    (failed ? ' (failed)' : '')
  );
}
