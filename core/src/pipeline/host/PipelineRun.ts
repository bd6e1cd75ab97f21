import { messageOf } from '../../errors.js';
import type { DStream } from '../../streaming/dstream/internal.js';
import { Milliseconds } from '../../streaming/Duration.js';
import type { BatchInfo } from '../../streaming/scheduler/BatchInfo.js';
import type { StreamingListener, StreamingListenerEvent } from '../../streaming/scheduler/StreamingListener.js';
import { StreamingContext } from '../../streaming/StreamingContext.js';
import { ManualClock } from '../../streaming/util/ManualClock.js';
import type { Logger } from '../../util/Logger.js';
import type { CheckpointSummary } from '../../checkpoint/CheckpointStore.js';
import { compilePipeline, DEFAULT_CHECKPOINT_DIRECTORY } from '../compilePipeline.js';
import { deleteCheckpointIn } from './deleteCheckpointIn.js';
import { listCheckpointsIn } from './listCheckpointsIn.js';
import type { PipelineSpec } from '../PipelineSpec.js';
import { BatchInspector, defaultInspectionLimits, type InspectionLimits } from './BatchInspector.js';
import type { LoadedPipeline, LoadOptions } from './EngineApi.js';
import type { EngineEvent, ReceiverInfoJson, ReceiverSnapshot } from './EngineEvent.js';
import { batchInfoToJson, listenerEventToJson, receiverInfoToJson } from './listenerEventToJson.js';
import type { RealTimer } from './RealTimer.js';
import { serializeError } from './serializeError.js';
import { toJsonSafe } from './toJsonSafe.js';

/** Records a `collect` node sends per batch at most, whatever its `limit`: the rest is the editor's flood. */
const MAX_COLLECTED_RECORDS = 1000;

/**
 * One loaded pipeline in the host: its `StreamingContext` on a `ManualClock`, compiled from the
 * spec, and the listener that turns what happens into `EngineEvent`s — listener events as JSON,
 * printed lines, failures, and one `batchInspected` snapshot per completed batch.
 */
export class PipelineRun implements StreamingListener {
  /** Starts at 0, or at the checkpoint's time when recovering, so batch times go on from there. */
  clock = new ManualClock();
  private ssc!: StreamingContext;
  private streams!: ReadonlyMap<string, DStream<unknown>>;
  private outputs: readonly string[] = [];
  private inspector: BatchInspector | undefined;
  private recovered = false;
  private started = false;
  private readonly receivers = new Map<number, ReceiverInfoJson>();
  private printed: string[] = [];
  private runningBatchMs: number | undefined;
  private readonly processingStartedAt = new Map<number, number>();
  /** The real time the batch being run was due, set by the host's pacer (none when stepping). */
  dueAt: number | undefined;
  /** Where the pipeline checkpoints (a directory in Node, an IndexedDB name in browsers), if it does. */
  checkpoint: string | undefined;

  private constructor(
    readonly spec: PipelineSpec,
    private readonly emit: (event: EngineEvent) => void,
    private readonly timer: RealTimer,
    private readonly limits: InspectionLimits,
  ) {}

  /** Builds the pipeline (compiling its functions: worker only), recovering it from its checkpoint when asked. */
  static async create(
    specJson: string,
    spec: PipelineSpec,
    options: LoadOptions,
    emit: (event: EngineEvent) => void,
    timer: RealTimer,
    limits: InspectionLimits = defaultInspectionLimits,
  ): Promise<PipelineRun> {
    const run = new PipelineRun(spec, emit, timer, limits);
    const checkpoint = options.checkpoint ?? (spec.checkpoint?.enabled ? spec.checkpoint.directory ?? DEFAULT_CHECKPOINT_DIRECTORY : undefined);
    run.checkpoint = checkpoint;
    if (options.recover && checkpoint !== undefined) {
      // Driver recovery: getOrCreate always rebuilds the graph with the factory, then restores
      // the checkpoint's state into it; the clock resumes at the checkpoint's time.
      run.ssc = await StreamingContext.getOrCreate(
        checkpoint,
        (info) => {
          run.recovered = info.checkpointTime !== undefined;
          run.clock = new ManualClock(info.checkpointTime?.milliseconds ?? 0);
          return run.build(options, checkpoint, specJson);
        },
        options.checkpointTime === undefined ? {} : { checkpointTime: options.checkpointTime },
      );
    } else {
      run.build(options, checkpoint, specJson);
    }
    run.ssc.addStreamingListener(run);
    if (options.inspect ?? true) run.inspector = new BatchInspector(run.streams, limits);
    return run;
  }

  get batchDurationMs(): number {
    return this.spec.batchDurationMs;
  }

  describe(): LoadedPipeline {
    return {
      ...(this.spec.name === undefined ? {} : { name: this.spec.name }),
      batchDurationMs: this.batchDurationMs,
      nodes: [...this.streams].map(([nodeId, stream]) => ({ nodeId, streamId: stream.id, className: stream.className })),
      outputs: this.outputs,
      recovered: this.recovered,
      clockMs: this.clock.getTimeMillis(),
    };
  }

  /** Starts the context once (graph mistakes throw here, as `ssc.start()` does). */
  ensureStarted(): void {
    if (this.started) return;
    this.ssc.start();
    this.started = true;
  }

  /** Runs one batch: advances the clock one interval and settles once its jobs and inspection are done. */
  async runBatch(): Promise<number> {
    this.ensureStarted();
    await this.clock.advance(this.batchDurationMs);
    return this.clock.getTimeMillis();
  }

  stop(): Promise<void> {
    this.ssc.removeStreamingListener(this);
    return this.ssc.stop();
  }

  /** The checkpoints in the pipeline's store, newest first (none when it does not checkpoint). */
  async listCheckpoints(): Promise<CheckpointSummary[]> {
    if (this.ssc.checkpointStore) return this.ssc.checkpointStore.list();
    return this.checkpoint === undefined ? [] : listCheckpointsIn(this.checkpoint, this.logger);
  }

  /** Deletes one checkpoint, through the context's open store when it has one (it holds the writer lock). */
  async deleteCheckpoint(time: number): Promise<void> {
    if (this.ssc.checkpointStore) return this.ssc.checkpointStore.delete(time);
    if (this.checkpoint !== undefined) return deleteCheckpointIn(this.checkpoint, time, this.logger);
  }

  private build(options: LoadOptions, checkpoint: string | undefined, specJson: string): StreamingContext {
    const ssc = new StreamingContext({
      batchDuration: Milliseconds(this.spec.batchDurationMs),
      clock: this.clock,
      master: options.master ?? 'local[2]',
      appName: this.spec.name ?? 'rivulet',
      printLine: (line) => this.printed.push(line),
      logger: this.logger,
    });
    // Before compiling, so that the spec's own checkpoint directory does not replace it.
    if (checkpoint !== undefined) ssc.checkpoint(checkpoint);
    ssc.setPipelineSpec(specJson);
    const compiled = compilePipeline(ssc, this.spec, {
      collect: (batch) =>
        this.emit({
          type: 'collected',
          nodeId: batch.nodeId,
          batchTimeMs: batch.timeMs,
          records: batch.records.slice(0, MAX_COLLECTED_RECORDS).map((r) => toJsonSafe(r, this.limits.record)),
          total: batch.records.length,
        }),
    });
    this.ssc = ssc;
    this.streams = compiled.streams;
    this.outputs = compiled.outputs;
    return ssc;
  }

  /** The engine's warnings and errors, as `logged` events (debug and info are dropped). */
  private readonly logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => this.emit({ type: 'logged', level: 'warn', message }),
    error: (message, ...details) => {
      const detail = details.find((d) => d instanceof Error);
      this.emit({ type: 'logged', level: 'error', message: detail ? `${message}: ${messageOf(detail)}` : message });
    },
  };

  // ---- Listener ----

  onStreamingStarted(event: Extract<StreamingListenerEvent, { type: 'streamingStarted' }>): void {
    this.emit(listenerEventToJson(event));
  }

  onBatchSubmitted(event: Extract<StreamingListenerEvent, { type: 'batchSubmitted' }>): void {
    this.inspector?.onBatchSubmitted(event.batchInfo.batchTime.milliseconds);
    this.emit(listenerEventToJson(event));
  }

  onBatchStarted(event: Extract<StreamingListenerEvent, { type: 'batchStarted' }>): void {
    this.processingStartedAt.set(event.batchInfo.batchTime.milliseconds, this.timer.now());
    this.emit(listenerEventToJson(event));
  }

  onOutputOperationStarted(event: Extract<StreamingListenerEvent, { type: 'outputOperationStarted' }>): void {
    this.runningBatchMs = event.outputOperationInfo.batchTime.milliseconds;
    this.emit(listenerEventToJson(event));
  }

  onOutputOperationCompleted(event: Extract<StreamingListenerEvent, { type: 'outputOperationCompleted' }>): void {
    const info = event.outputOperationInfo;
    this.flushPrinted();
    this.emit(listenerEventToJson(event));
    if (info.failureReason !== undefined) {
      this.emit({
        type: 'errorReported',
        source: 'outputOperation',
        batchTimeMs: info.batchTime.milliseconds,
        outputOperationId: info.id,
        error: serializeError(info.error ?? new Error(info.failureReason)),
      });
    }
  }

  onBatchCompleted(event: Extract<StreamingListenerEvent, { type: 'batchCompleted' }>): void {
    this.flushPrinted();
    this.runningBatchMs = undefined;
    this.emit(listenerEventToJson(event));
    // The clock's advance waits for this work, so a step settles after its snapshot was sent.
    const work = this.sendSnapshot(event.batchInfo);
    this.clock.trackWork(work);
  }

  onReceiverStarted(event: Extract<StreamingListenerEvent, { type: 'receiverStarted' }>): void {
    this.receivers.set(event.receiverInfo.streamId, receiverInfoToJson(event.receiverInfo));
    this.emit(listenerEventToJson(event));
  }

  onReceiverError(event: Extract<StreamingListenerEvent, { type: 'receiverError' }>): void {
    const info = receiverInfoToJson(event.receiverInfo);
    this.receivers.set(info.streamId, info);
    this.emit(listenerEventToJson(event));
    this.emit({
      type: 'errorReported',
      source: 'receiver',
      streamId: info.streamId,
      error: info.lastError ?? { name: 'Error', message: info.lastErrorMessage ?? 'receiver error' },
    });
  }

  onReceiverStopped(event: Extract<StreamingListenerEvent, { type: 'receiverStopped' }>): void {
    this.receivers.set(event.receiverInfo.streamId, receiverInfoToJson(event.receiverInfo));
    this.emit(listenerEventToJson(event));
  }

  onRateUpdated(event: Extract<StreamingListenerEvent, { type: 'rateUpdated' }>): void {
    this.emit(listenerEventToJson(event));
  }

  onCheckpointWritten(event: Extract<StreamingListenerEvent, { type: 'checkpointWritten' }>): void {
    this.emit(listenerEventToJson(event));
  }

  onCheckpointFailed(event: Extract<StreamingListenerEvent, { type: 'checkpointFailed' }>): void {
    this.emit(listenerEventToJson(event));
    this.emit({ type: 'errorReported', source: 'checkpoint', batchTimeMs: event.time.milliseconds, error: serializeError(event.error) });
  }

  // ---- Snapshots ----

  private async sendSnapshot(batchInfo: BatchInfo): Promise<void> {
    const batchTimeMs = batchInfo.batchTime.milliseconds;
    const now = this.timer.now();
    const startedAt = this.processingStartedAt.get(batchTimeMs) ?? now;
    this.processingStartedAt.delete(batchTimeMs);
    const succeeded = [...batchInfo.outputOperationInfos.values()].every((o) => o.failureReason === undefined);
    try {
      const inspected = this.inspector
        ? await this.inspector.inspect(batchTimeMs, succeeded)
        : { nodes: [], lineage: { nodes: [], edges: [], truncated: false } };
      this.emit({
        type: 'batchInspected',
        snapshot: {
          batchTimeMs,
          batchInfo: batchInfoToJson(batchInfo),
          nodes: inspected.nodes,
          lineage: inspected.lineage,
          receivers: this.receiverSnapshots(),
          processingMs: now - startedAt,
          schedulingDelayMs: this.dueAt === undefined ? 0 : Math.max(0, startedAt - this.dueAt),
          inspected: this.inspector !== undefined,
        },
      });
    } catch (error) {
      this.emit({ type: 'errorReported', source: 'engine', batchTimeMs, error: serializeError(error) });
    }
  }

  private receiverSnapshots(): ReceiverSnapshot[] {
    return [...this.receivers.values()].map((info) => {
      const limit = info.active ? this.ssc.receiverTracker.getCurrentRateLimit(info.streamId) : undefined;
      return limit === undefined || !Number.isFinite(limit) ? info : { ...info, rateLimit: limit };
    });
  }

  private flushPrinted(): void {
    if (this.printed.length === 0) return;
    const lines = this.printed;
    this.printed = [];
    this.emit({ type: 'linesPrinted', batchTimeMs: this.runningBatchMs, lines });
  }
}
