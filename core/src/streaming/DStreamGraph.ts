import { IllegalStateError, ValidationError } from '../errors.js';
import type { DStream, ForEachDStream, InputDStream } from './dstream/internal.js';
import { Duration } from './Duration.js';
import { Job } from './scheduler/Job.js';
import type { Time } from './Time.js';

/**
 * The graph of a streaming program: its input streams and output operations (Spark:
 * `DStreamGraph`). Jobs are generated from the outputs, which pull RDDs from their parents.
 */
export class DStreamGraph {
  private readonly inputStreams: InputDStream<unknown>[] = [];
  private readonly outputStreams: ForEachDStream<unknown>[] = [];
  private nextStreamId = 0;
  zeroTime: Time | undefined;
  rememberDuration: Duration | undefined;

  constructor(readonly batchDuration: Duration) {}

  /** @internal A unique id for every DStream of the graph, in creation order. */
  newStreamId(): number {
    return this.nextStreamId++;
  }

  addInputStream(stream: InputDStream<unknown>): void {
    this.inputStreams.push(stream);
  }

  addOutputStream(stream: ForEachDStream<unknown>): void {
    this.outputStreams.push(stream);
  }

  getInputStreams(): readonly InputDStream<unknown>[] {
    return this.inputStreams;
  }

  getOutputStreams(): readonly ForEachDStream<unknown>[] {
    return this.outputStreams;
  }

  /** Keeps every stream's RDDs for at least `duration` (Spark: `StreamingContext.remember`). */
  remember(duration: Duration): void {
    if (this.zeroTime) {
      throw new IllegalStateError('ILLEGAL_STATE', 'remember(): the context has already started; call it before start().');
    }
    this.rememberDuration = duration;
  }

  /** Checks the whole graph before anything runs (Spark: `DStreamGraph.validate` + `validateAtStart`). */
  validate(): void {
    if (this.outputStreams.length === 0) {
      throw new ValidationError(
        'NO_OUTPUT_OPERATION',
        'StreamingContext: no output operation is registered, so nothing would run; ' +
          'add one such as print() or foreachRDD(...) before start().',
      );
    }
    for (const output of this.outputStreams) output.validateAtStart();
  }

  /**
   * Initializes every stream with the time before the first batch, then validates (Spark:
   * `DStreamGraph.start`). On recovery `zeroTime` is the checkpoint's, and `restore` puts the
   * checkpointed data back before the inputs start (Spark: `DStreamGraph.restoreCheckpointData`).
   */
  start(zeroTime: Time, restore?: () => void): void {
    this.zeroTime = zeroTime;
    for (const output of this.outputStreams) output.initialize(zeroTime);
    // Always: besides the context's own duration, this passes each window's longer
    // `parentRememberDuration` down to its parents.
    for (const output of this.outputStreams) output.remember(this.rememberDuration);
    this.validate();
    restore?.();
    for (const input of this.inputStreams) input.start();
  }

  stop(): void {
    for (const input of this.inputStreams) input.stop();
  }

  /**
   * One job per output operation that has an RDD at `time`, in the order outputs were defined.
   * An output whose RDD cannot be generated yields a job that fails with that error, so the
   * failure is reported with its batch instead of stopping job generation.
   */
  generateJobs(time: Time): Job[] {
    const jobs: Job[] = [];
    this.outputStreams.forEach((output, id) => {
      try {
        const job = output.generateJob(time, id);
        if (job) jobs.push(job);
      } catch (error) {
        jobs.push(new Job(time, id, output.outputName, () => Promise.reject(error)));
      }
    });
    return jobs;
  }

  /** Forgets RDDs no window or state needs any more (Spark: `DStreamGraph.clearMetadata`). */
  clearMetadata(time: Time): void {
    for (const output of this.outputStreams) output.clearMetadata(time);
  }

  /** The longest any input stream remembers its data. */
  maxInputRememberDuration(): Duration {
    let max = new Duration(0);
    for (const input of this.inputStreams) if (input.rememberDuration?.greater(max)) max = input.rememberDuration;
    return max;
  }
}
