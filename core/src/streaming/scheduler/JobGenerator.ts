import { messageOf } from '../../errors.js';
import { createCheckpointParts } from '../checkpoint/Checkpoint.js';
import { CheckpointWriter } from '../checkpoint/CheckpointWriter.js';
import { canonicalStreams, fingerprintOf, type GraphFingerprint } from '../checkpoint/GraphFingerprint.js';
import { recoverReceivedBlocks, restoreStreams, timesToReschedule, type Recovery } from '../checkpoint/Recovery.js';
import type { DStream } from '../dstream/internal.js';
import { Time } from '../Time.js';
import { RecurringTimer } from '../util/RecurringTimer.js';
import type { JobGeneratorEvent } from './events.js';
import { JobSet } from './JobSet.js';
import type { JobScheduler } from './JobScheduler.js';

/**
 * Cuts batches: a recurring timer on the context's clock posts `generateJobs` every batch
 * interval, and one event loop handles the events in order (Spark: `JobGenerator`). With
 * checkpointing on, a metadata checkpoint is written after each batch's jobs are generated and
 * after they complete — Spark's two `DoCheckpoint` points — and the write-ahead log is cleaned once
 * a completion checkpoint is stored.
 *
 *   clock:   0          1000          2000          3000
 *            zeroTime   batch 1       batch 2       batch 3
 *                       generateJobs → JobSet → JobScheduler → batchCompleted → clearMetadata
 *                           └ checkpoint                                          └ checkpoint → clean log
 */
export class JobGenerator {
  private readonly timer: RecurringTimer;
  private eventChain: Promise<void> = Promise.resolve();
  private stopped = false;
  private checkpointWriter: CheckpointWriter | undefined;
  /** The graph's streams in canonical order and its fingerprint, fixed at start, for checkpoints. */
  private checkpointGraph: { readonly streams: readonly DStream<unknown>[]; readonly fingerprint: GraphFingerprint } | undefined;
  /** The latest batch time generated: the time of every checkpoint written since. */
  private lastGeneratedTime: Time | undefined;

  constructor(private readonly scheduler: JobScheduler) {
    const ssc = scheduler.ssc;
    this.timer = new RecurringTimer(
      ssc.clock,
      ssc.graph.batchDuration.milliseconds,
      (ms) => this.post({ type: 'generateJobs', time: new Time(ms) }),
      'JobGenerator',
    );
  }

  /**
   * Starts the graph one interval before the first batch, then the timer (Spark: `startFirstTime`);
   * or, for a context `getOrCreate` recovered, resumes from its checkpoint (Spark: `restart`).
   */
  start(): void {
    const ssc = this.scheduler.ssc;
    const store = ssc.checkpointStore;
    if (store) {
      this.checkpointWriter = new CheckpointWriter(store, this.scheduler);
      const streams = canonicalStreams(ssc.graph);
      this.checkpointGraph = { streams, fingerprint: fingerprintOf(ssc.graph) };
    }
    if (ssc.recovery) {
      this.restart(ssc.recovery);
      return;
    }
    const startTime = new Time(this.timer.getStartTime());
    ssc.graph.start(startTime.minus(ssc.graph.batchDuration));
    this.timer.start(startTime.milliseconds);
  }

  /**
   * Stops cutting batches; events already posted are still handled. With `processReceivedData`
   * (graceful stop, receivers already stopped), blocks that no batch has yet get one last batch at
   * the next batch time. Spark waits for the clock to get there; Rivulet generates it at once, so
   * stopping never waits for a `ManualClock` to be advanced.
   */
  async stop(processReceivedData = false): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const lastTimeMs = await this.timer.stop(true).catch((error: unknown) => {
      this.scheduler.reportError('JobGenerator timer failed', error);
      return -1;
    });
    await this.eventChain;
    if (processReceivedData && this.scheduler.receiverTracker.hasUnallocatedBlocks()) await this.generateLastBatch(lastTimeMs);
  }

  /** Settles once the events posted so far are handled and the checkpoints they wrote are stored (Spark: `CheckpointWriter.stop`). */
  async flushCheckpoints(): Promise<void> {
    await this.eventChain;
    await this.checkpointWriter?.flush();
  }

  /** Called by the JobScheduler when every job of a batch has completed. */
  onBatchCompletion(time: Time): void {
    void this.post({ type: 'clearMetadata', time });
  }

  /** Queues an event; the promise settles once it is handled. Handlers never reject. */
  private post(event: JobGeneratorEvent): Promise<void> {
    this.eventChain = this.eventChain.then(() => this.handle(event));
    return this.eventChain;
  }

  private async handle(event: JobGeneratorEvent): Promise<void> {
    try {
      switch (event.type) {
        case 'generateJobs':
          return await this.generateJobs(event.time);
        case 'clearMetadata':
          return this.clearMetadata(event.time);
      }
    } catch (error) {
      this.scheduler.reportError(`Error handling ${event.type} for time ${event.time}: ${messageOf(error)}`, error);
    }
  }

  private async generateJobs(time: Time, isLastBatch = false): Promise<void> {
    if (this.stopped && !isLastBatch) return;
    const ssc = this.scheduler.ssc;
    try {
      // Spark: allocate received blocks first; with the write-ahead log, once the allocation is logged.
      await this.scheduler.receiverTracker.allocateBlocksToBatch(time);
    } catch (error) {
      this.scheduler.reportError(`Error logging the blocks of batch ${time}; they go to a later batch: ${messageOf(error)}`, error);
    }
    const jobs = ssc.graph.generateJobs(time);
    if (!this.lastGeneratedTime || time.greater(this.lastGeneratedTime)) this.lastGeneratedTime = time;
    const inputInfo = this.scheduler.inputInfoTracker.getInfo(time);
    this.scheduler.submitJobSet(new JobSet(time, jobs, inputInfo, ssc.clock.getTimeMillis()));
    this.doCheckpoint(time, false);
  }

  private clearMetadata(time: Time): void {
    const graph = this.scheduler.ssc.graph;
    graph.clearMetadata(time);
    const threshold = time.minus(graph.maxInputRememberDuration());
    this.scheduler.inputInfoTracker.cleanup(threshold);
    this.scheduler.receiverTracker.cleanupOldBlocksAndBatches(threshold);
    this.doCheckpoint(time, true);
  }

  /**
   * Writes a metadata checkpoint of the whole context as it is now (Spark: `doCheckpoint`). After a
   * batch completed, the write-ahead log is cleaned once the checkpoint is stored (Spark:
   * `clearCheckpointData`): from then on no recovery needs what it drops.
   */
  private doCheckpoint(time: Time, isBatchCompletion: boolean): void {
    const writer = this.checkpointWriter;
    const graph = this.checkpointGraph;
    const checkpointTime = this.lastGeneratedTime;
    if (!writer || !graph || !checkpointTime) return;
    const ssc = this.scheduler.ssc;
    const tracker = this.scheduler.receiverTracker;
    let parts: Map<string, string>;
    try {
      parts = createCheckpointParts({
        appName: ssc.rddContext.appName,
        checkpointTimeMs: checkpointTime.milliseconds,
        batchDurationMs: ssc.graph.batchDuration.milliseconds,
        zeroTimeMs: ssc.graph.zeroTime!.milliseconds,
        pendingTimesMs: this.scheduler.getPendingTimes().map((t) => t.milliseconds),
        fingerprint: graph.fingerprint,
        streams: graph.streams,
        receivedBlocks: tracker.describeBlocks(),
        writeAheadLog: tracker.isWriteAheadLogEnabled,
        pipelineSpec: ssc.pipelineSpec,
      });
    } catch (error) {
      // A source position the serialiser refuses: reported like a failed write.
      this.scheduler.listenerBus.post({ type: 'checkpointFailed', time: checkpointTime, error });
      this.scheduler.reportError(`Error creating the checkpoint for time ${checkpointTime}: ${messageOf(error)}`, error);
      return;
    }
    const graphRemember = ssc.graph.maxInputRememberDuration();
    writer.write(checkpointTime, parts, isBatchCompletion ? () => tracker.cleanWriteAheadLog(time.minus(graphRemember)) : undefined);
  }

  /**
   * Resumes from a checkpoint (Spark: `JobGenerator.restart`): starts the graph at the checkpoint's
   * zero time with its RDDs and source positions restored, rebuilds the received blocks, generates
   * the pending and down-time batches once each, in order, then starts the timer at the next batch
   * after now — keeping the original phase, so batch times stay the same across the restart.
   */
  private restart(recovery: Recovery): void {
    const ssc = this.scheduler.ssc;
    const graph = ssc.graph;
    const batch = graph.batchDuration;
    const { metadata } = recovery.checkpoint;
    const streams = this.checkpointGraph?.streams ?? canonicalStreams(graph);
    graph.start(new Time(metadata.zeroTimeMs), () => restoreStreams(streams, recovery.checkpoint));
    recoverReceivedBlocks(this.scheduler.receiverTracker, recovery, streams, ssc.logger);

    const checkpointTime = new Time(metadata.checkpointTimeMs);
    this.lastGeneratedTime = checkpointTime;
    let restartTime = new Time(this.timer.getRestartTime(metadata.zeroTimeMs));
    if (!restartTime.greater(checkpointTime)) {
      ssc.logger.warn(
        `Recovery: the clock reads ${ssc.clock.getTimeMillis()} ms, before the checkpoint's last batch ${checkpointTime}; ` +
          `new batches start at ${checkpointTime.plus(batch)} once the clock gets there.`,
      );
      restartTime = checkpointTime.plus(batch);
    }
    const times = timesToReschedule(recovery.checkpoint, batch, restartTime);
    ssc.logger.info(
      `Recovering from the checkpoint of ${checkpointTime}: batches to reschedule (${times.length}): ${times.join(', ')}; ` +
        `restarting the timer at ${restartTime}`,
    );
    for (const time of times) void this.post({ type: 'generateJobs', time });
    // A ManualClock's next move waits for the rescheduled batches to be generated.
    ssc.clock.trackWork?.(this.eventChain);
    this.timer.start(restartTime.milliseconds);
  }

  /** The batch after the last one the timer cut (the first one if none), for a graceful stop. */
  private async generateLastBatch(lastTimeMs: number): Promise<void> {
    const graph = this.scheduler.ssc.graph;
    const timerLast = lastTimeMs >= 0 ? new Time(lastTimeMs) : graph.zeroTime!;
    const last = this.lastGeneratedTime ? this.lastGeneratedTime.max(timerLast) : timerLast;
    const time = last.plus(graph.batchDuration);
    try {
      await this.generateJobs(time, true);
    } catch (error) {
      this.scheduler.reportError(`Error generating the last batch ${time}: ${messageOf(error)}`, error);
    }
  }
}
