import type { CheckpointStore } from '../checkpoint/CheckpointStore.js';
import { resolveCheckpointStore } from '../checkpoint/resolveCheckpointStore.js';
import { IllegalStateError, ValidationError } from '../errors.js';
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
import { getOrCreate, type GetOrCreateOptions, type RecoveryInfo } from './checkpoint/getOrCreate.js';
import type { Recovery } from './checkpoint/Recovery.js';
import { ReceivedBlockLog } from './scheduler/ReceivedBlockLog.js';
import type { StorageLevel } from '../rdd/StorageLevel.js';
import { AsyncIterableReceiver } from '../connectors/AsyncIterableReceiver.js';
import { EventSourceReceiver, type EventSourceStreamOptions } from '../connectors/EventSourceReceiver.js';
import { FileInputDStream, type FileStreamOptions } from '../connectors/FileInputDStream.js';
import { GeneratorInputDStream } from '../connectors/GeneratorInputDStream.js';
import { SocketReceiver, type SocketTextStreamOptions } from '../connectors/SocketReceiver.js';
import type { ClickEvent, ClicksGeneratorOptions, GeneratorStreamOptions, SensorReading, SensorsGeneratorOptions, WordsGeneratorOptions } from '../connectors/syntheticRecords.js';
import { WebSocketReceiver, type WebSocketStreamOptions } from '../connectors/WebSocketReceiver.js';

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
  /**
   * Writes what receivers store to the checkpoint store's write-ahead log, and logs which blocks
   * each batch got, so that a restart loses nothing they stored; needs `checkpoint(...)` (Spark:
   * `spark.streaming.receiver.writeAheadLog.enable`). `store(records[])` then resolves once its
   * block is logged. Default false.
   */
  writeAheadLog?: boolean;
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
  checkpointDir: string | CheckpointStore | undefined;
  /** @internal The store checkpoints go to: resolved from `checkpointDir` at start, or by `getOrCreate`. */
  checkpointStore: CheckpointStore | undefined;
  /** @internal What `getOrCreate` read for this context to resume from, applied at start. */
  recovery: Recovery | undefined;
  /** @internal The JSON spec the graph was compiled from, stored with every checkpoint (see `setPipelineSpec`). */
  pipelineSpec: string | undefined;
  /** @internal The `writeAheadLog` option. */
  readonly isWriteAheadLogEnabled: boolean;
  /** True when the context opened its checkpoint store itself (from a path), so it closes it on stop. */
  private ownsCheckpointStore = false;

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
    this.isWriteAheadLogEnabled = options.writeAheadLog ?? false;
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

  /** UTF-8 lines received over TCP from `hostname:port`, reconnecting when it closes (Spark: `socketTextStream`); Node only. */
  socketTextStream(hostname: string, port: number, storageLevelOrOptions?: StorageLevel | SocketTextStreamOptions): InputDStream<string> {
    return this.receiverStream(SocketReceiver.text(hostname, port, storageLevelOrOptions));
  }

  /** What `converter` makes of the bytes received over TCP from `hostname:port` (Spark: `socketStream`); Node only. */
  socketStream<T>(
    hostname: string,
    port: number,
    converter: (chunks: AsyncIterable<Uint8Array>) => AsyncIterable<T>,
    storageLevel?: StorageLevel,
  ): InputDStream<T> {
    return this.receiverStream(SocketReceiver.converting(hostname, port, converter, storageLevel));
  }

  /** The lines of the files that appear in a local directory, each in the batch that sees it (Spark: `textFileStream`); Node only. */
  textFileStream(directory: string): DStream<string> {
    return new FileInputDStream<[number, string]>(this, directory, {}, 'textFileStream').map((record) => record[1]);
  }

  /** The records of the files that appear in a local directory (Spark: `fileStream`); Node only. */
  fileStream<T = [number, string]>(directory: string, options?: FileStreamOptions<T>): InputDStream<T> {
    return new FileInputDStream(this, directory, options);
  }

  /** One record per WebSocket message, reconnecting when the socket closes (Rivulet's; cf. Spark's `socketTextStream`). */
  webSocketTextStream(url: string, options?: WebSocketStreamOptions): InputDStream<string> {
    return this.receiverStream(new WebSocketReceiver(url, options));
  }

  /** One record per Server-Sent Event (its data), reconnecting on errors (Rivulet's; cf. Spark's `socketTextStream`). */
  eventSourceStream(url: string, options?: EventSourceStreamOptions): InputDStream<string> {
    return this.receiverStream(new EventSourceReceiver(url, options));
  }

  /** The records of an async iterable, pulled as fast as `store` takes them (Rivulet's; cf. Spark's `receiverStream`). */
  fromAsyncIterable<T>(iterable: AsyncIterable<T>): InputDStream<T> {
    return this.receiverStream(new AsyncIterableReceiver(iterable));
  }

  /** Seeded synthetic words, clicks or sensor readings, ratePerSecond × batch seconds per batch (Rivulet's; cf. Spark's `queueStream`). */
  generatorStream(options: WordsGeneratorOptions): InputDStream<string>;
  generatorStream(options: ClicksGeneratorOptions): InputDStream<ClickEvent>;
  generatorStream(options: SensorsGeneratorOptions): InputDStream<SensorReading>;
  generatorStream(options: GeneratorStreamOptions): InputDStream<unknown> {
    return new GeneratorInputDStream(this, options);
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

  /**
   * Enables checkpointing (Spark: `StreamingContext.checkpoint`): to a directory in Node or an
   * IndexedDB database in browsers, named by a string, or to any `CheckpointStore` (such as a
   * `MemoryCheckpointStore`). The store is opened when the context starts. Metadata checkpoints are
   * written after each batch is generated and after it completes; streams that need it
   * (`updateStateByKey`, `mapWithState`, inverse windows, `checkpoint(interval)`) also save their
   * RDDs. `StreamingContext.getOrCreate` resumes from them.
   */
  checkpoint(directory: string | CheckpointStore): void {
    if (this.state !== 'INITIALIZED') {
      throw new IllegalStateError(
        this.state === 'ACTIVE' ? 'CONTEXT_ACTIVE' : 'CONTEXT_STOPPED',
        `checkpoint(): the context is ${this.state.toLowerCase()}; call it before start().`,
      );
    }
    this.checkpointDir = directory;
  }

  /**
   * @internal Records the JSON `PipelineSpec` the graph was compiled from; every checkpoint stores
   * it as its `spec` part, and `getOrCreate` hands it to the factory (`RecoveryInfo.pipelineSpec`)
   * so a spec-driven program can rebuild the same graph.
   */
  setPipelineSpec(spec: string): void {
    this.pipelineSpec = spec;
  }

  /**
   * Reads the newest valid checkpoint in `checkpointPathOrStore`, always calls `factory` to rebuild
   * the program, checks that the rebuilt graph has the same shape as the one that wrote the
   * checkpoint (a `CheckpointError` CHECKPOINT_GRAPH_CHANGED naming the difference, if not), and
   * returns a context that resumes from the checkpoint once started: pending and missed batches,
   * state and window data, source positions, write-ahead-logged blocks. Without a checkpoint, the
   * factory's context is returned, checkpointing there (Spark: `StreamingContext.getOrCreate`,
   * which deserialises the graph instead of rebuilding it).
   */
  static getOrCreate(
    checkpointPathOrStore: string | CheckpointStore,
    factory: (info: RecoveryInfo) => StreamingContext | Promise<StreamingContext>,
    options?: GetOrCreateOptions,
  ): Promise<StreamingContext> {
    return getOrCreate(checkpointPathOrStore, factory, options);
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
          this.prepareCheckpointing();
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
      if (this.ownsCheckpointStore) {
        await this.checkpointStore!.close().catch((error: unknown) =>
          this.logger.error(`Error closing the checkpoint store ${this.checkpointStore!.name}`, error),
        );
      }
      if (stopRDDContext) this.rddContext.stop();
      this.termination.stopped();
    })();
  }

  /** Opens the checkpoint store if a path was given, and checks what needs one (Spark: part of `validate`). */
  private prepareCheckpointing(): void {
    if (this.checkpointDir !== undefined && !this.checkpointStore) {
      this.checkpointStore = resolveCheckpointStore(this.checkpointDir, this.logger);
      this.ownsCheckpointStore = typeof this.checkpointDir === 'string';
    }
    if (!this.isWriteAheadLogEnabled) return;
    if (!this.checkpointStore) {
      throw new ValidationError(
        'CHECKPOINT_DIRECTORY_NOT_SET',
        'StreamingContext: the writeAheadLog option needs checkpointing, as the log lives in the checkpoint store; ' +
          'call ssc.checkpoint(directory) before start(), or turn writeAheadLog off.',
      );
    }
    this.receiverTracker.enableWriteAheadLog(new ReceivedBlockLog(this.checkpointStore.writeAheadLog, this.logger));
  }

  /**
   * @internal `getOrCreate` makes the store it read the checkpoint from this context's. A factory
   * that set another location is overruled, as Spark resumes in the checkpoint's directory.
   */
  adoptCheckpointStore(store: CheckpointStore, owned: boolean, location: string | CheckpointStore): void {
    const own = this.checkpointDir;
    if (own !== undefined && own !== location && own !== store) {
      const named = typeof own === 'string' ? own : own.name;
      this.logger.warn(`getOrCreate checkpoints to ${store.name}; the factory's ssc.checkpoint(${named}) is ignored.`);
    }
    this.checkpointDir = location;
    this.checkpointStore = store;
    this.ownsCheckpointStore = owned;
  }

  /** @internal Makes the context resume from what `getOrCreate` read, when it starts. */
  resumeFrom(recovery: Recovery): void {
    this.recovery = recovery;
  }

  /** @internal Releases a context `getOrCreate` will not return (its graph did not match), without warnings. */
  abandon(): Promise<void> {
    this.stopping ??= this.release(false, false, this.ownsRDDContext);
    return this.stopping;
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
