import type { BatchSnapshot } from 'rivulet';
import { MAX_BATCHES, MAX_LOGS, type LogEntry } from './runTypes';

/** If the page is hidden (no animation frames), the buffer is applied this often instead. */
const HIDDEN_FLUSH_MS = 250;

/** What arrived since the last frame. */
export interface BufferedChanges {
  readonly batches: readonly BatchSnapshot[];
  readonly logs: readonly LogEntry[];
  /** The latest `batchProgress`: the batch running now, or none. */
  readonly running: { readonly batchTimeMs: number | undefined } | undefined;
  /** Batches completed (including dropped ones). */
  readonly done: number;
}

/**
 * Holds what the engine sent between two animation frames, bounded like the store's own arrays,
 * and calls `apply` once on the next frame — so however fast events arrive, the page's state (and
 * its DOM) changes at most once a frame.
 */
export class FrameBuffer {
  #batches: BatchSnapshot[] = [];
  #logs: LogEntry[] = [];
  #running: { batchTimeMs: number | undefined } | undefined;
  #done = 0;
  #frame: number | undefined;
  #timeout: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly apply: () => void) {}

  addBatch(snapshot: BatchSnapshot): void {
    this.#batches.push(snapshot);
    if (this.#batches.length > MAX_BATCHES) this.#batches.shift();
    this.#done++;
    this.#schedule();
  }

  addLog(entry: LogEntry): void {
    this.#logs.push(entry);
    if (this.#logs.length > MAX_LOGS) this.#logs.shift();
    this.#schedule();
  }

  setRunning(batchTimeMs: number | undefined): void {
    this.#running = { batchTimeMs };
    this.#schedule();
  }

  addDone(batches: number): void {
    this.#done += batches;
    this.#schedule();
  }

  /** The snapshots waiting (to find a failed batch's before it is applied). */
  get batches(): readonly BatchSnapshot[] {
    return this.#batches;
  }

  /** Replaces a waiting log entry (by id); false if it was applied already. */
  replaceLog(entry: LogEntry): boolean {
    const i = this.#logs.findIndex((e) => e.id === entry.id);
    if (i >= 0) this.#logs[i] = entry;
    return i >= 0;
  }

  /** Everything waiting, which the buffer forgets; cancels the frame. */
  take(): BufferedChanges {
    this.#cancel();
    const changes = { batches: this.#batches, logs: this.#logs, running: this.#running, done: this.#done };
    this.#batches = [];
    this.#logs = [];
    this.#running = undefined;
    this.#done = 0;
    return changes;
  }

  /** Forgets the waiting batches and progress (a new run), keeping the logs. */
  clearRun(): void {
    this.#batches = [];
    this.#running = undefined;
    this.#done = 0;
  }

  #schedule(): void {
    if (this.#frame !== undefined || this.#timeout !== undefined) return;
    const flush = () => {
      this.#frame = undefined;
      this.#timeout = undefined;
      this.apply();
    };
    if (typeof requestAnimationFrame === 'function' && !document.hidden) this.#frame = requestAnimationFrame(flush);
    else this.#timeout = setTimeout(flush, HIDDEN_FLUSH_MS);
  }

  #cancel(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    if (this.#timeout !== undefined) clearTimeout(this.#timeout);
    this.#frame = undefined;
    this.#timeout = undefined;
  }
}
