import { RivuletError } from '../errors.js';
import { consoleLogger, type Logger } from '../util/Logger.js';
import type { CheckpointStoreOptions } from './CheckpointStore.js';

/** `CheckpointStoreOptions` with every default filled in. */
export interface ResolvedStoreOptions {
  readonly retain: number;
  readonly writeAheadLogWindowMs: number;
  readonly logger: Logger;
}

/** Fills in the defaults (10 checkpoints, 60 s log windows, the console) and checks the values. */
export function resolveStoreOptions(options: CheckpointStoreOptions = {}): ResolvedStoreOptions {
  const { retain = 10, writeAheadLogWindowMs = 60_000, logger = consoleLogger } = options;
  if (!Number.isSafeInteger(retain) || retain < 1) {
    throw new RivuletError('INVALID_ARGUMENT', `Checkpoint store: retain ${retain} must be a whole number ≥ 1 (default 10).`);
  }
  if (!Number.isSafeInteger(writeAheadLogWindowMs) || writeAheadLogWindowMs < 1) {
    throw new RivuletError(
      'INVALID_ARGUMENT',
      `Checkpoint store: writeAheadLogWindowMs ${writeAheadLogWindowMs} must be a whole number of milliseconds ≥ 1 (default 60000).`,
    );
  }
  return { retain, writeAheadLogWindowMs, logger };
}

/** Checks a batch time (ms) handed to a store: whole milliseconds ≥ 0. */
export function checkTime(time: number, what: string): void {
  if (!Number.isSafeInteger(time) || time < 0) {
    throw new RivuletError('INVALID_ARGUMENT', `${what}: time ${time} is not a batch time; pass whole milliseconds ≥ 0 (Time.milliseconds).`);
  }
}
