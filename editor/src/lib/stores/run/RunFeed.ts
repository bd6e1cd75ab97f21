import type { BatchSnapshot, EngineEvent } from 'rivulet';
import {
  MAX_BATCHES,
  MAX_LOGS,
  FrameBuffer,
  collectedEntry,
  droppedEntry,
  errorNode,
  logEntry,
  printEntry,
  rddOwners,
  rootMessage,
  type LogEntry,
  type ReportedError,
} from '../../engine';
import type { RunState } from './RunState.svelte';

/** A failure waiting for its batch's snapshot, and its log entry. */
interface PendingError {
  readonly reported: ReportedError;
  readonly entry: LogEntry;
}

/**
 * The run's bookkeeping of what the engine reports: every event is queued as it arrives (cheap)
 * and applied to the `RunState` at most once per animation frame, into its bounded `$state.raw`
 * arrays, replaced and never mutated. It also names the node of each failure and `print()` block,
 * once the batch's snapshot or the output operation's completion tells which it was.
 */
export class RunFeed {
  readonly #run: RunState;
  /** What arrived since the last frame (applied by `apply`). */
  readonly #buffer = new FrameBuffer(() => this.apply());
  /** Failures waiting for their batch's snapshot, which tells which node failed. */
  #unattributed: PendingError[] = [];
  /** The last `print()` block, until its output operation's completion says which node printed it. */
  #lastPrint: LogEntry | undefined;

  constructor(run: RunState) {
    this.#run = run;
  }

  // ---- Events ----

  /** Every engine event; only cheap bookkeeping here, the state changes wait for the next frame. */
  onEvent(event: EngineEvent): void {
    const run = this.#run;
    switch (event.type) {
      case 'stateChanged':
        // A new worker starts at 1×; the speed chosen before it loaded is sent to it on load.
        if (event.state !== 'empty') run.speed = event.speed;
        if (event.state === 'terminated') {
          // Only the watchdog ends a worker we did not end ourselves: a user function never returned.
          run.status = 'failed';
          run.runningBatchMs = undefined;
        } else if (run.status !== 'failed' || event.state !== 'empty') {
          run.status = event.state;
        }
        if (event.state !== 'running') this.apply();
        return;
      case 'batchProgress':
        this.#buffer.setRunning(event.phase === 'running' ? event.batchTimeMs : undefined);
        return;
      case 'batchInspected':
        this.#buffer.addBatch(event.snapshot);
        return;
      case 'linesPrinted':
        this.#lastPrint = printEntry(event);
        this.#buffer.addLog(this.#lastPrint);
        return;
      case 'outputOperationCompleted': {
        // print() flushes its lines just before its output operation completes: that names the node.
        const nodeId = run.loaded?.outputs[event.outputOperationInfo.id];
        const print = this.#lastPrint;
        this.#lastPrint = undefined;
        if (print && nodeId !== undefined) this.#setLogNode(print, nodeId);
        return;
      }
      case 'collected':
        this.#buffer.addLog(collectedEntry(event));
        return;
      case 'errorReported':
        this.#onError(event);
        return;
      case 'logged':
        // A failed job is logged too; its errorReported event says it better.
        if (!event.message.startsWith('Error running job')) this.#buffer.addLog(logEntry({ level: event.level, message: event.message }));
        return;
      case 'eventsDropped':
        this.#buffer.addDone(event.batches);
        if (event.batches > 0) this.#buffer.addLog(droppedEntry(event));
        return;
      case 'checkpointWritten':
        run.checkpointsWritten++;
        return;
      default:
        return; // receiverError and checkpointFailed: errorReported follows
    }
  }

  #onError(event: Extract<EngineEvent, { type: 'errorReported' }>): void {
    const reported: ReportedError = event;
    const entry = logEntry({
      level: 'error',
      message: event.error.message,
      error: event.error,
      ...(event.batchTimeMs === undefined ? {} : { batchTimeMs: event.batchTimeMs }),
    });
    this.#buffer.addLog(entry);
    if (event.source === 'engine') this.#run.error = event.error;
    if (event.source === 'outputOperation' && event.batchTimeMs !== undefined) {
      // Which node failed is known once the batch's snapshot arrives (its RDD ids).
      this.#unattributed.push({ reported, entry });
    } else {
      this.#attribute(reported, entry, undefined);
    }
  }

  // ---- Failures ----

  /** Puts a failure on its node (`errorNode`) and names the node in its log entry. */
  #attribute(reported: ReportedError, entry: LogEntry, snapshot: BatchSnapshot | undefined): void {
    const run = this.#run;
    const owners = rddOwners(snapshot ? [...run.batches, ...this.#buffer.batches] : []);
    const nodeId = errorNode(reported, run.loaded, snapshot, owners);
    if (nodeId === undefined) return;
    this.#setLogNode(entry, nodeId);
    const previous = run.nodeErrors.get(nodeId);
    const next = new Map(run.nodeErrors);
    next.set(nodeId, {
      message: rootMessage(reported.error),
      ...(reported.batchTimeMs === undefined ? {} : { batchTimeMs: reported.batchTimeMs }),
      count: (previous?.count ?? 0) + 1,
      error: reported.error,
    });
    run.nodeErrors = next;
  }

  /** Attributes the failures of batches whose snapshots have arrived (or that never will). */
  #attributePending(): void {
    if (this.#unattributed.length === 0) return;
    const run = this.#run;
    const waiting: PendingError[] = [];
    const newest = run.batches.at(-1)?.batchTimeMs ?? -Infinity;
    for (const item of this.#unattributed) {
      const snapshot = run.batches.find((b) => b.batchTimeMs === item.reported.batchTimeMs);
      if (snapshot || item.reported.batchTimeMs! < newest || run.status === 'failed') this.#attribute(item.reported, item.entry, snapshot);
      else waiting.push(item);
    }
    this.#unattributed = waiting;
  }

  // ---- Logs ----

  /** Adds a log entry now. */
  log(fields: Omit<LogEntry, 'id' | 'at'>): void {
    this.#buffer.addLog(logEntry(fields));
    this.apply();
  }

  /** Names the node of a log entry, whether it is still waiting for a frame or already shown. */
  #setLogNode(entry: LogEntry, nodeId: string): void {
    const named = { ...entry, nodeId };
    if (this.#buffer.replaceLog(named)) return;
    const run = this.#run;
    const shown = run.logs.findIndex((e) => e.id === entry.id);
    if (shown >= 0) run.logs = run.logs.map((e, j) => (j === shown ? named : e));
  }

  // ---- Frames ----

  /** Applies everything that arrived since the last frame, in one replacement per array. */
  apply(): void {
    const run = this.#run;
    const { batches, logs, running, done } = this.#buffer.take();
    if (batches.length > 0) {
      const merged = [...run.batches, ...batches];
      run.batches = merged.length > MAX_BATCHES ? merged.slice(-MAX_BATCHES) : merged;
      if (run.selectedBatchMs !== undefined && run.batches[0]!.batchTimeMs > run.selectedBatchMs) run.selectedBatchMs = undefined;
    }
    if (done > 0) run.batchesDone += done;
    if (running) run.runningBatchMs = run.status === 'failed' ? undefined : running.batchTimeMs;
    if (logs.length > 0) {
      const merged = [...run.logs, ...logs];
      run.logs = merged.length > MAX_LOGS ? merged.slice(-MAX_LOGS) : merged;
    }
    this.#attributePending();
  }

  /** Forgets the run's batches and errors (not its logs), and what waits for a frame of them. */
  clearRun(): void {
    const run = this.#run;
    this.#buffer.clearRun();
    this.#unattributed = [];
    this.#lastPrint = undefined;
    run.batches = [];
    run.selectedBatchMs = undefined;
    run.nodeErrors = new Map();
    run.highlightedNodeId = undefined;
    run.runningBatchMs = undefined;
    run.batchesDone = 0;
  }

  /** Forgets the run and its logs, and everything waiting for a frame. */
  clearAll(): void {
    this.clearRun();
    this.#run.logs = [];
    this.#buffer.take();
  }
}
