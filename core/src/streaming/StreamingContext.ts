import { IllegalStateError } from '../errors.js';
import type { RDD } from '../rdd/internal.js';
import { RDDContext, type RDDContextOptions } from '../rdd/RDDContext.js';
import type { FileSystem } from '../platform/FileSystem.js';
import type { Logger } from '../util/Logger.js';
import type { Duration } from './Duration.js';
import { DStreamGraph } from './DStreamGraph.js';
import { QueueInputDStream, TransformedDStream, UnionDStream, type DStream, type InputDStream } from './dstream/internal.js';
import { ReceiverInputDStream } from './dstream/internal.js';
import type { Receiver } from './receiver/Receiver.js';
import type { ReceiverOptions } from './receiver/ReceiverOptions.js';
import type { StreamInputInfo } from './scheduler/BatchInfo.js';
import { JobScheduler } from './scheduler/JobScheduler.js';
import type { ReceiverTracker } from './scheduler/ReceiverTracker.js';
import type { StreamingListener } from './scheduler/StreamingListener.js';
import type { Time } from './Time.js';
import type { Clock } from './util/Clock.js';
import { SystemClock } from './util/SystemClock.js';

/** A context's lifecycle: `INITIALIZED → ACTIVE → STOPPED` (Spark: `StreamingContextState`). */
export type StreamingContextState = 'INITIALIZED' | 'ACTIVE' | 'STOPPED';

/** Options of a `StreamingContext`. */
export interface StreamingContextOptions extends RDDContextOptions, ReceiverOptions {
  /** The batch interval. */
  batchDuration: Duration;
  /** Cuts batches; `ManualClock` in tests. Default: `SystemClock`. */
  clock?: Clock;
  /** An existing RDD context to run on (Spark: `new StreamingContext(sparkContext, batchDuration)`). */
  rddContext?: RDDContext;
  /** How many output jobs may run at once (Spark: `spark.streaming.concurrentJobs`). Default 1. */
  concurrentJobs?: number;
  /**
   * Fail fast: stop the context at the first failed batch. Default false: as in Spark, a failed
   * batch is reported (listeners, logs, `awaitTermination`) and later batches still run.
   */
  stopOnError?: boolean;
  /** Where `print()` writes its lines. Default: `console.log`. */
  printLine?: (line: string) => void;
  /** Where `saveAsTextFiles`/`saveAsObjectFiles` write. Default: the platform's (Node files, IndexedDB). */
  fileSystem?: FileSystem;
}

/** Options of `StreamingContext.stop`. */
export interface StopOptions {
  /** Also stop the RDD context (Spark: `stopSparkContext`). Default true. */
  stopRDDContext?: boolean;
  /**
   * Let batches already generated finish first, and give what receivers already stored a last
   * batch, generated at once rather than when the clock reaches it (Spark: `stopGracefully`). Default false.
   */
  stopGracefully?: boolean;
}

/**
 * The entry point of a streaming program (Spark: `StreamingContext`): create input streams,
 * define transformations and outputs, then `start()`; batches are cut every `batchDuration`
 * by the clock until `stop()`.
 */
export class StreamingContext {
  readonly rddContext: RDDContext;
  readonly clock: Clock;
  /** @internal */
  readonly graph: DStreamGraph;
  /** @internal */
  readonly logger: Logger;
  /** @internal */
  readonly printLine: (line: string) => void;
  /** @internal The `fileSystem` option; `undefined` means the platform's. */
  readonly fileSystem: FileSystem | undefined;
  /** The checkpoint directory or store, once `checkpoint()` was called. */
  checkpointDir: string | object | undefined;

  private state: StreamingContextState = 'INITIALIZED';
  private readonly scheduler: JobScheduler;
  private readonly stopOnError: boolean;
  private readonly ownsRDDContext: boolean;
  private readonly termination = new Termination();
  private stopping: Promise<void> | undefined;

  constructor(options: StreamingContextOptions) {
    this.ownsRDDContext = options.rddContext === undefined;
    this.rddContext = options.rddContext ?? new RDDContext(options);
    this.logger = this.rddContext.logger;
    this.clock = options.clock ?? new SystemClock();
    this.graph = new DStreamGraph(options.batchDuration);
    this.stopOnError = options.stopOnError ?? false;
    this.printLine = options.printLine ?? ((line) => console.log(line));
    this.fileSystem = options.fileSystem;
    this.scheduler = new JobScheduler(this, options.concurrentJobs ?? 1, options);
  }

  get batchDuration(): Duration {
    return this.graph.batchDuration;
  }

  // ---- Input streams ----

  /**
   * A stream that takes one RDD from `queue` per batch (all queued RDDs at once when
   * `oneAtATime` is false), or `defaultRDD` when it is empty (Spark: `queueStream`).
   */
  queueStream<T>(queue: RDD<T>[], oneAtATime = true, defaultRDD?: RDD<T>): InputDStream<T> {
    return new QueueInputDStream(this, queue, oneAtATime, defaultRDD);
  }

  /** A stream fed by a custom `Receiver`, started and stopped with the context (Spark: `receiverStream`). */
  receiverStream<T>(receiver: Receiver<T>): InputDStream<T> {
    return new ReceiverInputDStream(this, receiver);
  }

  /** The union of several streams of the same slide (Spark: `StreamingContext.union`). */
  union<T>(streams: DStream<T>[]): DStream<T> {
    return new UnionDStream(streams);
  }

  /** Applies an RDD function to the RDDs of several streams, batch by batch (Spark: `StreamingContext.transform`). */
  transform<T>(streams: DStream<unknown>[], transformFunc: (rdds: RDD<unknown>[], time: Time) => RDD<T>): DStream<T> {
    return new TransformedDStream(streams, transformFunc, 'transform');
  }

  // ---- Configuration ----

  /** Enables checkpointing to a directory (Node) or a store (Spark: `StreamingContext.checkpoint`). */
  checkpoint(directory: string | object): void {
    this.checkpointDir = directory;
  }

  /** Keeps every stream's RDDs for at least `duration`, e.g. for `slice` (Spark: `StreamingContext.remember`). */
  remember(duration: Duration): void {
    this.graph.remember(duration);
  }

  addStreamingListener(listener: StreamingListener): void {
    this.scheduler.listenerBus.add(listener);
  }

  removeStreamingListener(listener: StreamingListener): void {
    this.scheduler.listenerBus.remove(listener);
  }

  // ---- Lifecycle ----

  getState(): StreamingContextState {
    return this.state;
  }

  /**
   * Validates the graph and starts cutting batches. Throws graph mistakes at once; a second
   * call on an active context only warns; a stopped context cannot be restarted.
   */
  start(): void {
    switch (this.state) {
      case 'ACTIVE':
        this.logger.warn('StreamingContext has already been started');
        return;
      case 'STOPPED':
        throw new IllegalStateError(
          'CONTEXT_STOPPED',
          'StreamingContext has already been stopped and cannot be restarted; create a new StreamingContext.',
        );
      case 'INITIALIZED':
        try {
          this.scheduler.start();
        } catch (error) {
          // As in Spark: a context that fails to start (a graph mistake) is stopped, for good.
          this.logger.error('Error starting the context, marking it as stopped', error);
          this.stopping = this.release(true, false, false);
          throw error;
        }
        this.state = 'ACTIVE';
    }
  }

  /**
   * Stops the context; settles once jobs, receivers and timers are released. Idempotent, and
   * allowed before `start()`.
   */
  stop(options: StopOptions = {}): Promise<void> {
    const stopRDDContext = options.stopRDDContext ?? this.ownsRDDContext;
    if (this.stopping) {
      this.logger.warn('StreamingContext has already been stopped');
      // Spark: `stop(stopSparkContext = false)` then `stop(stopSparkContext = true)` stops the RDD context.
      return stopRDDContext ? this.stopping.then(() => this.rddContext.stop()) : this.stopping;
    }
    if (this.state === 'INITIALIZED') this.logger.warn('StreamingContext has not been started yet');
    this.stopping = this.release(this.state === 'ACTIVE', options.stopGracefully ?? false, stopRDDContext);
    return this.stopping;
  }

  /** Marks the context stopped, then releases the scheduler, the inputs and (optionally) the RDD context. */
  private release(wasStarted: boolean, stopGracefully: boolean, stopRDDContext: boolean): Promise<void> {
    this.state = 'STOPPED';
    return (async () => {
      if (wasStarted) {
        await this.scheduler.stop(stopGracefully);
        this.graph.stop();
      }
      if (stopRDDContext) this.rddContext.stop();
      this.termination.stopped();
    })();
  }

  /** Resolves when the context stops; rejects with the first error reported while it runs (Spark: `awaitTermination`). */
  awaitTermination(): Promise<void> {
    return this.termination.promise;
  }

  /**
   * True once the context has stopped, false if `timeoutMs` passed on the context's clock first;
   * rejects like `awaitTermination` (Spark: `awaitTerminationOrTimeout`).
   */
  awaitTerminationOrTimeout(timeoutMs: number): Promise<boolean> {
    const timeout = new AbortController();
    const timedOut = this.clock
      .waitTillTime(this.clock.getTimeMillis() + timeoutMs, timeout.signal)
      .then(() => false, () => false);
    return Promise.race([this.termination.promise.then(() => true), timedOut]).finally(() => timeout.abort());
  }

  /** @internal Input streams report what they received per batch, for `BatchInfo.numRecords`. */
  reportInputInfo(batchTime: Time, info: StreamInputInfo): void {
    this.scheduler.inputInfoTracker.reportInfo(batchTime, info);
  }

  /** @internal The receivers' tracker (Spark: `ssc.scheduler.receiverTracker`). */
  get receiverTracker(): ReceiverTracker {
    return this.scheduler.receiverTracker;
  }

  /** @internal Receives errors reported while running (Spark: `ContextWaiter.notifyError`). */
  notifyError(error: unknown): void {
    this.termination.failed(error);
    if (this.stopOnError && this.state === 'ACTIVE') void this.stop();
  }

  /** @internal Streams can only be added before start (Spark: `DStream.validateAtInit`). */
  assertAcceptingStreams(): void {
    if (this.state === 'ACTIVE') {
      throw new IllegalStateError(
        'CONTEXT_ACTIVE',
        'Adding new inputs, transformations, and output operations after starting a context is not supported; ' +
          'define the whole graph before start().',
      );
    }
    if (this.state === 'STOPPED') {
      throw new IllegalStateError(
        'CONTEXT_STOPPED',
        'Adding new inputs, transformations, and output operations after stopping a context is not supported; ' +
          'create a new StreamingContext.',
      );
    }
  }
}

/** The promise behind `awaitTermination`: rejected by the first reported error, resolved on stop. */
class Termination {
  readonly promise: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.promise.catch(() => undefined); // reported through logs and listeners; awaiting is optional
  }

  failed(error: unknown): void {
    this.reject(error);
  }

  stopped(): void {
    this.resolve();
  }
}
