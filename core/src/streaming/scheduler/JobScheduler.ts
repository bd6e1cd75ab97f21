import { ListenerBus } from '../../scheduler/ListenerBus.js';
import type { Logger } from '../../util/Logger.js';
import type { CheckpointWriterHost } from '../checkpoint/CheckpointWriter.js';
import type { Time } from '../Time.js';
import type { Clock } from '../util/Clock.js';
import { SerialQueue } from '../../util/SerialQueue.js';
import type { ReceiverOptions } from '../receiver/ReceiverOptions.js';
import type { StreamingContext } from '../StreamingContext.js';
import { InputInfoTracker } from './InputInfoTracker.js';
import type { Job } from './Job.js';
import { JobGenerator } from './JobGenerator.js';
import { outputOperationInfo, type JobSet } from './JobSet.js';
import { ReceiverTracker } from './ReceiverTracker.js';
import { streamingListenerMethod, type StreamingListener, type StreamingListenerEvent } from './StreamingListener.js';

/**
 * Runs the jobs of each batch, at most `concurrentJobs` at a time (default 1: one batch after
 * another, in order), and reports their progress to listeners (Spark: `JobScheduler`).
 */
export class JobScheduler implements CheckpointWriterHost {
  readonly listenerBus: ListenerBus<StreamingListener, StreamingListenerEvent>;
  readonly inputInfoTracker = new InputInfoTracker();
  readonly receiverTracker: ReceiverTracker;
  private readonly jobGenerator: JobGenerator;
  private readonly jobQueue: SerialQueue;
  private readonly jobSets = new Map<number, JobSet>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly ssc: StreamingContext,
    concurrentJobs: number,
    receiverOptions: ReceiverOptions = {},
  ) {
    this.listenerBus = new ListenerBus((e) => streamingListenerMethod[e.type], ssc.logger);
    this.receiverTracker = new ReceiverTracker(this, receiverOptions);
    this.jobQueue = new SerialQueue(concurrentJobs);
    this.jobGenerator = new JobGenerator(this);
  }

  start(): void {
    this.jobGenerator.start();
    for (const input of this.ssc.graph.getInputStreams()) if (input.rateController) this.listenerBus.add(input.rateController);
    this.listenerBus.post({ type: 'streamingStarted', time: this.ssc.clock.getTimeMillis() });
    this.receiverTracker.start();
  }

  /**
   * Stops generating batches. Gracefully, batches already generated run to completion;
   * otherwise jobs not yet started are dropped and only the running ones are awaited.
   * Receivers stop first; gracefully, the blocks they had pushed get one last batch.
   */
  async stop(graceful: boolean): Promise<void> {
    // Spark's order: stop receiving first, so a graceful stop can still give the last blocks a batch.
    await this.receiverTracker.stop(graceful);
    await this.jobGenerator.stop(graceful);
    if (!graceful) this.jobQueue.clear();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    // Completed batches posted their completion checkpoints; store them before the store closes.
    await this.jobGenerator.flushCheckpoints();
  }

  get clock(): Clock {
    return this.ssc.clock;
  }

  get logger(): Logger {
    return this.ssc.logger;
  }

  post(event: StreamingListenerEvent): void {
    this.listenerBus.post(event);
  }

  /** Batches submitted and not completed, oldest first (Spark: `JobScheduler.getPendingTimes`). */
  getPendingTimes(): Time[] {
    return [...this.jobSets.values()].map((jobSet) => jobSet.time).sort((a, b) => a.milliseconds - b.milliseconds);
  }

  /** Queues a batch's jobs; a `ManualClock` is told to wait for them (see `Clock.trackWork`). */
  submitJobSet(jobSet: JobSet): void {
    if (jobSet.jobs.length === 0) {
      this.ssc.logger.debug(`No jobs added for time ${jobSet.time}`);
      return;
    }
    this.jobSets.set(jobSet.time.milliseconds, jobSet);
    this.listenerBus.post({ type: 'batchSubmitted', batchInfo: jobSet.toBatchInfo() });
    const done = Promise.all(jobSet.jobs.map((job) => this.jobQueue.submit(() => this.runJob(job, jobSet)))).then(
      () => undefined,
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    this.ssc.clock.trackWork?.(done);
  }

  /** Sends an error to the logs and to `awaitTermination` (Spark: `JobScheduler.reportError`). */
  reportError(message: string, error: unknown): void {
    this.ssc.logger.error(message, error);
    this.ssc.notifyError(error);
  }

  private async runJob(job: Job, jobSet: JobSet): Promise<void> {
    const clock = this.ssc.clock;
    job.startTime = clock.getTimeMillis();
    const isFirst = !jobSet.hasStarted;
    jobSet.handleJobStart(job);
    if (isFirst) this.listenerBus.post({ type: 'batchStarted', batchInfo: jobSet.toBatchInfo() });
    this.listenerBus.post({ type: 'outputOperationStarted', outputOperationInfo: outputOperationInfo(job) });
    try {
      await job.run();
    } catch (error) {
      job.failed = true;
      job.error = error;
    }
    job.endTime = clock.getTimeMillis();
    jobSet.handleJobCompletion(job);
    this.listenerBus.post({ type: 'outputOperationCompleted', outputOperationInfo: outputOperationInfo(job) });
    if (job.failed) this.reportError(`Error running job ${job}`, job.error);
    if (jobSet.hasCompleted) {
      this.jobSets.delete(jobSet.time.milliseconds);
      this.listenerBus.post({ type: 'batchCompleted', batchInfo: jobSet.toBatchInfo() });
      this.jobGenerator.onBatchCompletion(jobSet.time);
    }
  }
}
