import {
  MAX_SPEED,
  MIN_SPEED,
  getOperator,
  type BatchSnapshot,
  type CheckpointSummary,
  type EngineClient,
  type EngineEvent,
  type LoadedPipeline,
  type NodeSnapshot,
  type PipelineSpec,
  type SerializedError,
} from 'rivulet';
import { fileStem } from '../download';
import {
  MAX_BATCHES,
  MAX_LOGS,
  FrameBuffer,
  batchMetrics,
  collectedEntry,
  createEngine,
  droppedEntry,
  edgesInto,
  errorNode,
  logEntry,
  pressureOf,
  printEntry,
  rateLimitsOf,
  rddOwners,
  rootMessage,
  type BatchMetrics,
  type LogEntry,
  type NodeError,
  type Pressure,
  type ReportedError,
  type RunConfirmation,
  type RunStatus,
} from '../engine';
import type { PipelineStore } from './pipeline.svelte';
import type { Toasts } from './toasts.svelte';

export { MAX_BATCHES, MAX_LOGS, MAX_PRINT_LINES, type LogEntry, type LogLevel, type NodeError, type RunConfirmation, type RunStatus } from '../engine';

/** A failure waiting for its batch's snapshot, and its log entry. */
interface PendingError {
  readonly reported: ReportedError;
  readonly entry: LogEntry;
}

/**
 * The editor's run of the pipeline: the engine in its Web Worker (`createEngine`, comlink), driven
 * by the run controls, and everything it reports — state, batch snapshots, logs, errors — as
 * Svelte state. Events are queued as they arrive and applied at most once per animation frame,
 * into bounded `$state.raw` arrays that are replaced, never mutated; the page does no work per
 * record. (Spark: the driver's web UI, fed by its listener bus.)
 */
export class RunStore {
  readonly #pipeline: PipelineStore;
  readonly #toasts: Toasts;

  /** The engine's state, or `failed`. */
  status = $state<RunStatus>('empty');
  /** Snapshots of the last `MAX_BATCHES` completed batches, oldest first. */
  batches = $state.raw<readonly BatchSnapshot[]>([]);
  /** The batch shown in the inspector (undefined: follow the latest). */
  selectedBatchMs = $state<number | undefined>();
  logs = $state.raw<readonly LogEntry[]>([]);
  /** Playback speed: batches every batch interval ÷ speed of real time (0.25 to 4). */
  speed = $state(1);
  /** Why the run failed (`status === 'failed'`), or the last call that failed. */
  error = $state.raw<SerializedError | undefined>();
  /** True when the running pipeline was recovered from its checkpoint. */
  recovered = $state(false);
  /** What the engine built for the loaded pipeline (node ids, stream ids, outputs). */
  loaded = $state.raw<LoadedPipeline | undefined>();
  /** The batch being processed right now, if any. */
  runningBatchMs = $state<number | undefined>();
  /** Batches completed since the run started (including any whose details were dropped). */
  batchesDone = $state(0);
  /** Each node's last failure. */
  nodeErrors = $state.raw<ReadonlyMap<string, NodeError>>(new Map());
  /** The node the inspector points at on the canvas (an RDD clicked in a lineage graph). */
  highlightedNodeId = $state<string | undefined>();
  /** The node whose RDD the batch inspector shows. */
  inspectedNodeId = $state<string | undefined>();
  /** A confirmation the run waits for (the run controls show it as a dialog). */
  confirmation = $state.raw<RunConfirmation | undefined>();
  /** A control call is in progress (buttons wait). */
  busy = $state(false);
  /** Counts the user's requests to see the run's details (the run dock opens on each). */
  detailsRequested = $state(0);
  /** Checkpoints written since the page opened (`checkpointWritten` events; the Checkpoints panel reads again on each). */
  checkpointsWritten = $state(0);

  /** The latest completed batch. */
  readonly latest: BatchSnapshot | undefined = $derived(this.batches.at(-1));
  /** The latest batch's snapshot of every node, by node id. */
  readonly latestByNode: ReadonlyMap<string, NodeSnapshot> = $derived(new Map(this.latest?.nodes.map((n) => [n.nodeId, n])));
  /** The batch the inspector shows: the selected one, or the latest. */
  readonly shownBatch: BatchSnapshot | undefined = $derived(
    this.selectedBatchMs === undefined ? this.latest : this.batches.find((b) => b.batchTimeMs === this.selectedBatchMs),
  );
  /** The batch interval of the loaded pipeline (or of the one on screen). */
  get batchDurationMs(): number {
    return this.loaded?.batchDurationMs ?? this.#pipeline.settings.batchDurationMs;
  }
  /** Real ms between batches at the current speed. */
  readonly intervalMs: number = $derived(this.batchDurationMs / this.speed);
  /** Queues building up (see `pressureOf`); only while running. */
  readonly pressure: Pressure = $derived(
    this.status === 'running' ? pressureOf(this.batches.slice(-2), this.intervalMs) : { level: 'none', delayMs: 0, intervalMs: this.intervalMs },
  );
  /** Whether a pipeline is loaded in a live worker (controls other than Run apply). */
  readonly isActive: boolean = $derived(this.status === 'loaded' || this.status === 'running' || this.status === 'paused');
  /** Whether the pipeline checkpoints (its `checkpoint.enabled`). */
  get isCheckpointing(): boolean {
    return this.#pipeline.settings.checkpoint?.enabled === true;
  }
  /** The IndexedDB name the pipeline checkpoints to (`<name>:checkpoint` holds the checkpoints). */
  get checkpointName(): string {
    return `rivulet:${fileStem(this.#pipeline.settings.name)}`;
  }

  #client: EngineClient | undefined;
  #unsubscribe: (() => void) | undefined;
  /** The spec text the worker runs (recovery loads the same one). */
  #loadedSpec: string | undefined;
  /** What of the loaded spec matters to the engine (`engineKey`), to tell when the canvas has been edited since. */
  #loadedKey = $state<string | undefined>();
  /** What arrived since the last frame (applied by `#applyPending`). */
  readonly #buffer = new FrameBuffer(() => this.#applyPending());
  /** Failures waiting for their batch's snapshot, which tells which node failed. */
  #unattributed: PendingError[] = [];
  /** The last `print()` block, until its output operation's completion says which node printed it. */
  #lastPrint: LogEntry | undefined;

  /** Edges along which records queue up (into the bottleneck) while the pipeline falls behind. */
  readonly pressuredEdges: ReadonlySet<string>;
  /** Receivers' rate limits (records/s) as of the latest batch, by source node id: backpressure at work. */
  readonly rateLimits: ReadonlyMap<string, number>;
  /** Each kept batch's numbers (Spark's Streaming tab), in the order of `batches`. */
  readonly metrics: readonly BatchMetrics[];
  /** The pipeline on the canvas was edited since it was loaded: the engine still runs the old one. */
  readonly isStale: boolean;

  constructor(pipeline: PipelineStore, toasts: Toasts) {
    this.#pipeline = pipeline;
    this.#toasts = toasts;
    this.pressuredEdges = $derived(
      this.pressure.level === 'none' || this.pressure.bottleneck === undefined ? new Set<string>() : edgesInto(this.pressure.bottleneck, pipeline.edges),
    );
    this.rateLimits = $derived(rateLimitsOf(this.latest, this.loaded?.nodes));
    const sources = $derived(new Set(pipeline.nodes.filter((n) => getOperator(n.data.operator)?.category === 'source').map((n) => n.id)));
    this.metrics = $derived(this.batches.map((b) => batchMetrics(b, this.batchDurationMs, sources, this.intervalMs)));
    const key = $derived(engineKey(pipeline.spec));
    this.isStale = $derived(this.isActive && this.#loadedKey !== undefined && key !== this.#loadedKey);
  }

  // ---- Controls ----

  /**
   * Runs the pipeline on the engine's timer: resumes a paused run, or loads the pipeline on screen
   * into the worker and starts it. A pipeline from a link or a file runs only once the user has
   * confirmed it (`pipeline.markTrusted()`).
   */
  async run(): Promise<void> {
    if (this.status === 'paused') return this.resume();
    if (this.status === 'running' || this.busy) return;
    if (!(await this.#confirmTrust())) return;
    await this.#control(async () => {
      if (!(await this.#loadFresh())) return;
      await this.#client!.start();
    });
  }

  /** Stops the timer after the batch in flight; `step()` and `resume()` go on from there. */
  pause(): Promise<void> {
    return this.#control(async () => {
      if (this.status === 'running') await this.#client?.pause();
    });
  }

  resume(): Promise<void> {
    return this.#control(async () => {
      if (this.status === 'paused' || this.status === 'loaded') await this.#client?.resume();
    });
  }

  /** Stops the pipeline's context. Its batches stay on screen; Run starts it again from the beginning. */
  stop(): Promise<void> {
    return this.#control(async () => {
      if (this.isActive) await this.#client?.stop();
    });
  }

  /** Runs exactly one batch (loading the pipeline first if none is loaded); not while running on the timer. */
  async step(): Promise<void> {
    if (this.status === 'running' || this.busy) return;
    if (!this.isActive && !(await this.#confirmTrust())) return;
    await this.#control(async () => {
      if (!this.isActive && !(await this.#loadFresh())) return;
      await this.#client!.step();
    });
  }

  /** Sets the playback speed, clamped to 0.25…4. */
  async setSpeed(factor: number): Promise<void> {
    const speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, factor));
    this.speed = speed;
    if (this.#client && !this.#client.isTerminated) await this.#client.setSpeed(speed).catch((e: unknown) => this.#failedCall(e));
  }

  /** Ends the worker and forgets the run: batches, logs and errors. */
  reset(): void {
    this.#endWorker();
    this.#clear();
    this.logs = [];
    this.#buffer.take();
    this.error = undefined;
    this.loaded = undefined;
    this.recovered = false;
    this.status = 'empty';
    this.busy = false;
  }

  /**
   * Kills the worker mid-run, as a driver failure would: nothing is stopped or flushed. Its
   * checkpoints stay in IndexedDB, so `recover()` can restart the pipeline from them.
   */
  simulateFailure(): void {
    if (!this.#client) return;
    this.#endWorker();
    this.error = {
      name: 'DriverFailure',
      message: 'The driver was killed mid-run (a simulated failure): its worker ended without stopping or flushing anything.',
    };
    this.status = 'failed';
    this.busy = false;
    this.runningBatchMs = undefined;
    this.#log({ level: 'error', message: this.error.message });
  }

  /**
   * Restarts the pipeline in a new worker from its checkpoint (`load(spec, { recover: true })`,
   * as `StreamingContext.getOrCreate` does after a driver failure) and runs it on. With
   * `checkpointTime` (issue 7, Checkpoints panel): from that older checkpoint, the newer ones deleted.
   */
  async recover(checkpointTime?: number): Promise<void> {
    if (this.busy) return;
    const spec = this.#loadedSpec ?? JSON.stringify(this.#pipeline.spec);
    await this.#control(async () => {
      this.#endWorker();
      const client = this.#connect();
      const result = await client.load(spec, {
        inspect: true,
        recover: true,
        checkpoint: this.checkpointName,
        ...(checkpointTime === undefined ? {} : { checkpointTime }),
      });
      if (!result.ok) {
        this.#reportProblems(result.problems.map((p) => p.message));
        return;
      }
      this.#loaded(result.pipeline, spec);
      this.error = undefined;
      // Batches after the checkpoint run again: the timeline keeps only those before it.
      const from = result.pipeline.clockMs;
      this.#applyPending();
      this.batches = this.batches.filter((b) => b.batchTimeMs <= from);
      this.#log({
        level: 'info',
        message: result.pipeline.recovered
          ? `Recovered from the checkpoint at ${from} ms; batches go on from there.`
          : 'No checkpoint to recover from: the pipeline starts from the beginning.',
      });
      await client.setSpeed(this.speed);
      await client.start();
    });
  }

  /** The checkpoints in the pipeline's IndexedDB store (or the store `name`), newest first. */
  async listCheckpoints(name = this.checkpointName): Promise<readonly CheckpointSummary[]> {
    const client = this.#client && !this.#client.isTerminated ? this.#client : this.#connect();
    return client.listCheckpoints(name);
  }

  /** Deletes one checkpoint of the pipeline's store (through the running engine, which holds its lock). */
  async deleteCheckpoint(time: number): Promise<void> {
    const client = this.#client && !this.#client.isTerminated ? this.#client : this.#connect();
    await client.deleteCheckpoint(time, this.checkpointName);
  }

  // ---- Selection ----

  /** Shows `batchTimeMs` in the inspector (undefined: follow the latest batch). */
  selectBatch(batchTimeMs: number | undefined): void {
    this.selectedBatchMs = batchTimeMs;
  }

  /**
   * Asks for the run's details to be shown (the run dock opens): the run controls call it when the
   * user runs or steps, while a run that starts by itself leaves the canvas uncovered.
   */
  requestDetails(): void {
    this.detailsRequested++;
  }

  /** Shows `nodeId`'s RDD in the batch inspector. */
  inspectNode(nodeId: string | undefined): void {
    this.inspectedNodeId = nodeId;
  }

  /** Points at a node on the canvas (undefined: none). */
  highlightNode(nodeId: string | undefined): void {
    this.highlightedNodeId = nodeId;
  }

  // ---- Loading ----

  /** Asks before running code from a link or a file; true once the pipeline is trusted. */
  async #confirmTrust(): Promise<boolean> {
    if (this.#pipeline.trusted) return true;
    const functions = this.#pipeline.spec.nodes.reduce(
      (n, node) => n + (getOperator(node.operator)?.params.filter((p) => p.type === 'function' && node.params[p.name] !== undefined).length ?? 0),
      0,
    );
    const confirmed = await new Promise<boolean>((resolve) => {
      this.confirmation = {
        origin: this.#pipeline.origin,
        functions,
        answer: (run) => {
          this.confirmation = undefined;
          resolve(run);
        },
      };
    });
    if (confirmed) this.#pipeline.markTrusted();
    return confirmed;
  }

  /** Loads the pipeline on screen into a live worker (starting one if needed), with a clean slate. */
  async #loadFresh(): Promise<boolean> {
    if (this.#pipeline.problems.length > 0) {
      this.#toasts.show(`Fix the pipeline's ${this.#pipeline.problems.length === 1 ? 'problem' : `${this.#pipeline.problems.length} problems`} before running it.`, 'error');
      return false;
    }
    const client = this.#client && !this.#client.isTerminated ? this.#client : this.#connect();
    const spec = JSON.stringify(this.#pipeline.spec);
    const result = await client.load(spec, { inspect: true, ...(this.isCheckpointing ? { checkpoint: this.checkpointName } : {}) });
    if (!result.ok) {
      this.#reportProblems(result.problems.map((p) => p.message));
      return false;
    }
    // A fresh run starts from nothing: the pipeline's old checkpoints go, or a later recovery could pick one of them.
    if (this.isCheckpointing) await this.#clearCheckpoints(client);
    this.#clear();
    this.error = undefined;
    this.#loaded(result.pipeline, spec);
    this.#log({ level: 'info', message: `Loaded ${result.pipeline.name ?? 'the pipeline'}: ${result.pipeline.nodes.length} streams, ${result.pipeline.outputs.length} outputs.` });
    await client.setSpeed(this.speed);
    return true;
  }

  async #clearCheckpoints(client: EngineClient): Promise<void> {
    const name = this.checkpointName;
    for (const { time } of await client.listCheckpoints(name)) await client.deleteCheckpoint(time, name);
  }

  #loaded(pipeline: LoadedPipeline, spec: string): void {
    this.#loadedSpec = spec;
    this.#loadedKey = engineKey(JSON.parse(spec) as PipelineSpec);
    this.loaded = pipeline;
    this.recovered = pipeline.recovered;
  }

  #reportProblems(messages: readonly string[]): void {
    for (const message of messages) this.#log({ level: 'error', message });
    this.#toasts.show(`The pipeline could not be loaded: ${messages[0] ?? 'unknown problem'}`, 'error');
  }

  /** A new worker, subscribed; the previous one (if any) must have been ended. */
  #connect(): EngineClient {
    const client = createEngine();
    this.#client = client;
    this.#unsubscribe = client.subscribe((event) => this.#onEvent(event));
    return client;
  }

  #endWorker(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client?.terminate();
    this.#client = undefined;
  }

  /** Runs a control call with the buttons waiting; a failed call is logged, never thrown at the page. */
  async #control(call: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await call();
    } catch (error) {
      this.#failedCall(error);
    } finally {
      this.busy = false;
    }
  }

  #failedCall(error: unknown): void {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENGINE_TERMINATED' || code === 'ENGINE_UNRESPONSIVE') return; // reported by the events already
    const message = error instanceof Error ? error.message : String(error);
    this.#log({ level: 'error', message });
    this.#toasts.show(message, 'error');
  }

  /** Forgets the run's batches and errors (not its logs). */
  #clear(): void {
    this.#buffer.clearRun();
    this.#unattributed = [];
    this.#lastPrint = undefined;
    this.batches = [];
    this.selectedBatchMs = undefined;
    this.nodeErrors = new Map();
    this.highlightedNodeId = undefined;
    this.runningBatchMs = undefined;
    this.batchesDone = 0;
  }

  // ---- Events ----

  /** Every engine event; only cheap bookkeeping here, the state changes wait for the next frame. */
  #onEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'stateChanged':
        // A new worker starts at 1×; the speed chosen before it loaded is sent to it on load.
        if (event.state !== 'empty') this.speed = event.speed;
        if (event.state === 'terminated') {
          // Only the watchdog ends a worker we did not end ourselves: a user function never returned.
          this.status = 'failed';
          this.runningBatchMs = undefined;
        } else if (this.status !== 'failed' || event.state !== 'empty') {
          this.status = event.state;
        }
        if (event.state !== 'running') this.#applyPending();
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
        const nodeId = this.loaded?.outputs[event.outputOperationInfo.id];
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
        this.checkpointsWritten++;
        return;
      case 'receiverError':
      case 'checkpointFailed':
        return; // errorReported follows
      default:
        return;
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
    if (event.source === 'engine') this.error = event.error;
    if (event.source === 'outputOperation' && event.batchTimeMs !== undefined) {
      // Which node failed is known once the batch's snapshot arrives (its RDD ids).
      this.#unattributed.push({ reported, entry });
    } else {
      this.#attribute(reported, entry, undefined);
    }
  }

  /** Puts a failure on its node (`errorNode`) and names the node in its log entry. */
  #attribute(reported: ReportedError, entry: LogEntry, snapshot: BatchSnapshot | undefined): void {
    const owners = rddOwners(snapshot ? [...this.batches, ...this.#buffer.batches] : []);
    const nodeId = errorNode(reported, this.loaded, snapshot, owners);
    if (nodeId === undefined) return;
    this.#setLogNode(entry, nodeId);
    const previous = this.nodeErrors.get(nodeId);
    const next = new Map(this.nodeErrors);
    next.set(nodeId, {
      message: rootMessage(reported.error),
      ...(reported.batchTimeMs === undefined ? {} : { batchTimeMs: reported.batchTimeMs }),
      count: (previous?.count ?? 0) + 1,
      error: reported.error,
    });
    this.nodeErrors = next;
  }

  /** Attributes the failures of batches whose snapshots have arrived (or that never will). */
  #attributePending(): void {
    if (this.#unattributed.length === 0) return;
    const waiting: PendingError[] = [];
    const newest = this.batches.at(-1)?.batchTimeMs ?? -Infinity;
    for (const item of this.#unattributed) {
      const snapshot = this.batches.find((b) => b.batchTimeMs === item.reported.batchTimeMs);
      if (snapshot || item.reported.batchTimeMs! < newest || this.status === 'failed') this.#attribute(item.reported, item.entry, snapshot);
      else waiting.push(item);
    }
    this.#unattributed = waiting;
  }

  // ---- Logs ----

  /** Adds a log entry now. */
  #log(fields: Omit<LogEntry, 'id' | 'at'>): void {
    this.#buffer.addLog(logEntry(fields));
    this.#applyPending();
  }

  /** Names the node of a log entry, whether it is still waiting for a frame or already shown. */
  #setLogNode(entry: LogEntry, nodeId: string): void {
    const named = { ...entry, nodeId };
    if (this.#buffer.replaceLog(named)) return;
    const shown = this.logs.findIndex((e) => e.id === entry.id);
    if (shown >= 0) this.logs = this.logs.map((e, j) => (j === shown ? named : e));
  }

  // ---- Frames ----

  /** Applies everything that arrived since the last frame, in one replacement per array. */
  #applyPending(): void {
    const { batches, logs, running, done } = this.#buffer.take();
    if (batches.length > 0) {
      const merged = [...this.batches, ...batches];
      this.batches = merged.length > MAX_BATCHES ? merged.slice(-MAX_BATCHES) : merged;
      if (this.selectedBatchMs !== undefined && this.batches[0]!.batchTimeMs > this.selectedBatchMs) this.selectedBatchMs = undefined;
    }
    if (done > 0) this.batchesDone += done;
    if (running) this.runningBatchMs = this.status === 'failed' ? undefined : running.batchTimeMs;
    if (logs.length > 0) {
      const merged = [...this.logs, ...logs];
      this.logs = merged.length > MAX_LOGS ? merged.slice(-MAX_LOGS) : merged;
    }
    this.#attributePending();
  }
}

/** A spec without what the engine ignores (positions, labels, name, description): edits of those need no restart. */
function engineKey(spec: PipelineSpec): string {
  const { batchDurationMs, checkpoint, nodes, edges } = spec;
  return JSON.stringify({ batchDurationMs, checkpoint, nodes: nodes.map(({ id, operator, params }) => ({ id, operator, params })), edges });
}
