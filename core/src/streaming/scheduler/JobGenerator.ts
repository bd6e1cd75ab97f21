import { messageOf } from '../../errors.js';
import { Time } from '../Time.js';
import { RecurringTimer } from '../util/RecurringTimer.js';
import type { JobGeneratorEvent } from './events.js';
import { JobSet } from './JobSet.js';
import type { JobScheduler } from './JobScheduler.js';

/**
 * Cuts batches: a recurring timer on the context's clock posts `generateJobs` every batch
 * interval, and one event loop handles the events in order (Spark: `JobGenerator`).
 *
 *   clock:   0          1000          2000          3000
 *            zeroTime   batch 1       batch 2       batch 3
 *                       generateJobs → JobSet → JobScheduler → batchCompleted → clearMetadata
 */
export class JobGenerator {
  private readonly timer: RecurringTimer;
  private eventChain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly scheduler: JobScheduler) {
    const ssc = scheduler.ssc;
    this.timer = new RecurringTimer(
      ssc.clock,
      ssc.graph.batchDuration.milliseconds,
      (ms) => this.post({ type: 'generateJobs', time: new Time(ms) }),
      'JobGenerator',
    );
  }

  /** Starts the graph one interval before the first batch, then the timer (Spark: `startFirstTime`). */
  start(): void {
    const startTime = new Time(this.timer.getStartTime());
    this.scheduler.ssc.graph.start(startTime.minus(this.scheduler.ssc.graph.batchDuration));
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
    if (processReceivedData && this.scheduler.receiverTracker.hasUnallocatedBlocks()) this.generateLastBatch(lastTimeMs);
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
          return this.generateJobs(event.time);
        case 'clearMetadata':
          return this.clearMetadata(event.time);
      }
    } catch (error) {
      this.scheduler.reportError(`Error handling ${event.type} for time ${event.time}: ${messageOf(error)}`, error);
    }
  }

  private generateJobs(time: Time, isLastBatch = false): void {
    if (this.stopped && !isLastBatch) return;
    const ssc = this.scheduler.ssc;
    this.scheduler.receiverTracker.allocateBlocksToBatch(time); // Spark: allocate received blocks first
    const jobs = ssc.graph.generateJobs(time);
    const inputInfo = this.scheduler.inputInfoTracker.getInfo(time);
    this.scheduler.submitJobSet(new JobSet(time, jobs, inputInfo, ssc.clock.getTimeMillis()));
  }

  private clearMetadata(time: Time): void {
    const graph = this.scheduler.ssc.graph;
    graph.clearMetadata(time);
    this.scheduler.inputInfoTracker.cleanup(time.minus(graph.maxInputRememberDuration()));
    this.scheduler.receiverTracker.cleanupOldBlocksAndBatches(time.minus(graph.maxInputRememberDuration()));
  }

  /** The batch after the last one the timer cut (the first one if none), for a graceful stop. */
  private generateLastBatch(lastTimeMs: number): void {
    const graph = this.scheduler.ssc.graph;
    const time = (lastTimeMs >= 0 ? new Time(lastTimeMs) : graph.zeroTime!).plus(graph.batchDuration);
    try {
      this.generateJobs(time, true);
    } catch (error) {
      this.scheduler.reportError(`Error generating the last batch ${time}: ${messageOf(error)}`, error);
    }
  }
}
