/**
 * Spark's `StreamingContextSuite`: the lifecycle `INITIALIZED → ACTIVE → STOPPED`, stopping,
 * awaiting termination, and the checks `start()` makes — all on a `ManualClock`. Spark's
 * configuration-parsing and receiver-based scenarios have no counterpart here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Clock,
  type DStream,
  IllegalStateError,
  type Logger,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  RDDContext,
  Seconds,
  StreamingContext,
  type StreamingContextOptions,
  ValidationError,
} from '../../../src/index.js';
import { TestInputStream } from '../../../src/testing/index.js';

const batchDuration = Milliseconds(500);

interface LogLine {
  readonly level: keyof Logger;
  readonly message: string;
  readonly details: readonly unknown[];
}

/** A logger that keeps what it is told, so tests can check warnings and errors. */
function recordingLogger(): Logger & { readonly lines: LogLine[]; messages(level: keyof Logger): string[] } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof Logger) =>
    (message: string, ...details: unknown[]): void => {
      lines.push({ level, message, details });
    };
  return {
    lines,
    messages: (level) => lines.filter((l) => l.level === level).map((l) => l.message),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

let ssc: StreamingContext | undefined;
let clock: ManualClock;
let log: ReturnType<typeof recordingLogger>;

function newContext(options: Partial<StreamingContextOptions> = {}): StreamingContext {
  clock = new ManualClock();
  log = recordingLogger();
  ssc = new StreamingContext({ batchDuration, clock, logger: log, ...options });
  return ssc;
}

/** Spark's `addInputStream`: batch i holds 1..i, in one partition. */
function addInputStream(s: StreamingContext): DStream<number> {
  const input = Array.from({ length: 100 }, (_, i) => Array.from({ length: i + 1 }, (_, j) => j + 1));
  return new TestInputStream(s, input, 1);
}

/** Spark's `register()` of a test output stream. */
function register<T>(stream: DStream<T>): void {
  stream.foreachRDD(() => {});
}

/** The settled state of a promise, without waiting for it to settle. */
async function peek(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  const pending = Symbol('pending');
  return Promise.race([promise, Promise.resolve(pending)]).then(
    (value) => (value === pending ? 'pending' : 'resolved'),
    () => 'rejected',
  );
}

afterEach(async () => {
  await ssc?.stop();
  ssc = undefined;
});

describe('StreamingContext', () => {
  it('start and stop state check', async () => {
    const s = newContext();
    register(addInputStream(s));
    expect(s.getState()).toBe('INITIALIZED');
    s.start();
    expect(s.getState()).toBe('ACTIVE');
    await s.stop();
    expect(s.getState()).toBe('STOPPED');
    // The RDD context it created is stopped too, by default.
    expect(s.rddContext.isStopped()).toBe(true);
    await expect(s.rddContext.parallelize([1, 2]).collect()).rejects.toThrow(IllegalStateError);
  });

  it('start multiple times', () => {
    const s = newContext();
    register(addInputStream(s));
    s.start();
    expect(s.getState()).toBe('ACTIVE');
    s.start();
    expect(s.getState()).toBe('ACTIVE');
    expect(log.messages('warn')).toEqual(['StreamingContext has already been started']);
  });

  it('stop multiple times', async () => {
    const s = newContext();
    register(addInputStream(s));
    s.start();
    await s.stop();
    await s.stop();
    expect(s.getState()).toBe('STOPPED');
    expect(log.messages('warn')).toEqual(['StreamingContext has already been stopped']);
  });

  it('stop before start', async () => {
    const s = newContext();
    register(addInputStream(s));
    await s.stop(); // stop before start does not throw
    expect(s.getState()).toBe('STOPPED');
    expect(log.messages('warn')).toEqual(['StreamingContext has not been started yet']);
  });

  it('start after stop', async () => {
    const s = newContext();
    register(addInputStream(s));
    await s.stop();
    let thrown: unknown;
    try {
      s.start();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalStateError);
    expect((thrown as IllegalStateError).code).toBe('CONTEXT_STOPPED');
    expect((thrown as IllegalStateError).message).toContain('StreamingContext has already been stopped');
    expect(s.getState()).toBe('STOPPED');
  });

  it('stop only streaming context', async () => {
    const s = newContext();
    const rddContext = s.rddContext;
    register(addInputStream(s));
    s.start();
    await s.stop({ stopRDDContext: false });
    expect(await rddContext.parallelize(Array.from({ length: 100 }, (_, i) => i)).count()).toBe(100);

    // A context on an existing RDD context leaves it running by default.
    const s2 = newContext({ rddContext });
    register(addInputStream(s2));
    s2.start();
    await s2.stop();
    expect(rddContext.isStopped()).toBe(false);
  });

  it('stop(stopRDDContext=true) after stop(stopRDDContext=false)', async () => {
    // Spark: "stop(stopSparkContext=true) after stop(stopSparkContext=false)".
    const s = newContext();
    register(addInputStream(s));
    await s.stop({ stopRDDContext: false });
    expect(await s.rddContext.parallelize([1, 2, 3]).count()).toBe(3);
    await s.stop({ stopRDDContext: true });
    await expect(s.rddContext.parallelize([1, 2, 3]).count()).rejects.toThrow(IllegalStateError);
  });

  /**
   * Batches that queue up behind a slow one. The clock here does not tell the ManualClock about
   * the jobs (no `trackWork`), so advancing it cuts three batches while the first still runs.
   */
  async function queueThreeBatches(s: StreamingContext, processed: [number, number][]): Promise<() => void> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    addInputStream(s)
      .count()
      .foreachRDD(async (rdd, time) => {
        if (processed.length === 0) {
          firstStarted();
          await gate;
        }
        processed.push([time.milliseconds, await rdd.first()]);
      });
    s.start();
    void clock.advance(1500);
    await started;
    await clock.whenIdle();
    return release;
  }

  function untracked(manual: ManualClock): Clock {
    return { getTimeMillis: () => manual.getTimeMillis(), waitTillTime: (t, signal) => manual.waitTillTime(t, signal) };
  }

  it('stop gracefully', async () => {
    const manual = new ManualClock();
    const s = newContext({ clock: untracked(manual) });
    clock = manual;
    const processed: [number, number][] = [];
    const release = await queueThreeBatches(s, processed);
    expect(processed).toEqual([]);
    const stopped = s.stop({ stopGracefully: true });
    release();
    await stopped;
    // Every batch generated before the stop ran: batch i counts the i elements 1..i.
    expect(processed).toEqual([
      [500, 1],
      [1000, 2],
      [1500, 3],
    ]);
  });

  it('stop without stopGracefully drops batches that have not started', async () => {
    const manual = new ManualClock();
    const s = newContext({ clock: untracked(manual) });
    clock = manual;
    const processed: [number, number][] = [];
    const release = await queueThreeBatches(s, processed);
    const stopped = s.stop();
    release();
    await stopped;
    // The running batch finished; the two queued behind it never ran.
    expect(processed).toEqual([[500, 1]]);
  });

  it('awaitTermination', async () => {
    const s = newContext();
    register(addInputStream(s).map((x) => x));
    s.start(); // does not block

    // awaitTerminationOrTimeout returns once the timeout has passed on the clock.
    const timedOut = s.awaitTerminationOrTimeout(500);
    await clock.advance(500);
    expect(await timedOut).toBe(false);

    // awaitTermination does not return while the context runs...
    const terminated = s.awaitTermination();
    await clock.advance(5000);
    expect(await peek(terminated)).toBe('pending');

    // ...and returns once it is stopped.
    await s.stop();
    await expect(terminated).resolves.toBeUndefined();
  });

  it('awaitTermination after stop', async () => {
    const s = newContext();
    register(addInputStream(s).map((x) => x));
    s.start();
    await s.stop();
    await expect(s.awaitTermination()).resolves.toBeUndefined();
  });

  it('awaitTermination with error in task', async () => {
    const s = newContext();
    addInputStream(s)
      .map((): number => {
        throw new Error('error in map task');
      })
      .foreachRDD((rdd) => rdd.count().then(() => undefined));
    s.start();
    const terminated = s.awaitTerminationOrTimeout(5000);
    await clock.advance(500);
    await expect(terminated).rejects.toThrow('map task');
  });

  it('awaitTermination with error in job generation', async () => {
    const s = newContext();
    class TestError extends Error {}
    register(
      addInputStream(s).transform(() => {
        throw new TestError('error in transform');
      }),
    );
    s.start();
    const terminated = s.awaitTerminationOrTimeout(5000);
    await clock.advance(500);
    const error = await terminated.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestError);
    expect((error as Error).message).toContain('transform');
  });

  it('awaitTerminationOrTimeout', async () => {
    const s = newContext();
    register(addInputStream(s).map((x) => x));
    s.start();

    // false once the time has passed...
    const first = s.awaitTerminationOrTimeout(500);
    await clock.advance(499);
    expect(await peek(first)).toBe('pending');
    await clock.advance(1);
    expect(await first).toBe(false);

    // ...true if the context stops first.
    const second = s.awaitTerminationOrTimeout(10_000);
    await clock.advance(1000);
    await s.stop();
    expect(await second).toBe(true);
  });

  it('throw exception on using active or stopped context', async () => {
    const s = newContext();
    expect(s.getState()).toBe('INITIALIZED');
    const input = addInputStream(s);
    const transformed = input.map((x) => x);
    transformed.foreachRDD((rdd) => rdd.count().then(() => undefined));

    const expectRefused = (body: () => unknown, code: string, when: 'starting' | 'stopping'): void => {
      let thrown: unknown;
      try {
        body();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(IllegalStateError);
      expect((thrown as IllegalStateError).code).toBe(code);
      // Spark's message, then the fix.
      expect((thrown as Error).message).toContain(
        `Adding new inputs, transformations, and output operations after ${when} a context is not supported`,
      );
    };

    s.start();
    expect(s.getState()).toBe('ACTIVE');
    expectRefused(() => addInputStream(s), 'CONTEXT_ACTIVE', 'starting');
    expectRefused(() => input.map((x) => x * 2), 'CONTEXT_ACTIVE', 'starting');
    expectRefused(() => transformed.foreachRDD(() => {}), 'CONTEXT_ACTIVE', 'starting');

    await s.stop();
    expect(s.getState()).toBe('STOPPED');
    expectRefused(() => addInputStream(s), 'CONTEXT_STOPPED', 'stopping');
    expectRefused(() => input.map((x) => x * 2), 'CONTEXT_STOPPED', 'stopping');
    expectRefused(() => transformed.foreachRDD(() => {}), 'CONTEXT_STOPPED', 'stopping');
  });

  it('start failure should stop internal components', async () => {
    const s = newContext();
    addInputStream(s).map((x): [number, number] => [x, 1]).reduceByKey((a, b) => a + b).checkpoint(Seconds(1));
    // No output operation, and a checkpoint directory missing: start() refuses the graph...
    expect(() => s.start()).toThrow(ValidationError);
    // ...and the context is stopped for good, with its timer released.
    expect(s.getState()).toBe('STOPPED');
    expect(clock.waiterCount).toBe(0);
    expect(() => s.start()).toThrow(IllegalStateError);
    expect(log.messages('error')).toEqual(['Error starting the context, marking it as stopped']);
  });

  it('Creating an InputDStream but not using it should not crash', async () => {
    const s = newContext();
    addInputStream(s);
    const input2 = addInputStream(s);
    const output: number[][] = [];
    input2.foreachRDD(async (rdd) => {
      output.push(await rdd.collect());
    });
    s.start();
    await clock.advance(1000); // two batches: clearing metadata reads every input's remember duration
    const terminated = s.awaitTerminationOrTimeout(1); // rejects if anything crashed
    await clock.advance(1);
    expect(await terminated).toBe(false);
    expect(output).toEqual([[1], [1, 2]]);
  });

  // ---- Configuration and validation ----

  it('remember', async () => {
    const s = newContext();
    const input = addInputStream(s);
    const mapped = input.map((x) => x * 2);
    register(mapped);
    s.remember(Seconds(2));
    s.start();
    for (let i = 0; i < 10; i++) await clock.advance(500);
    // Every stream keeps the last 2 s of RDDs (4 batches), not just the last batch.
    expect(mapped.rememberDuration).toEqual(Seconds(2));
    expect(input.rememberDuration).toEqual(Seconds(2));
    expect([...mapped.generatedRDDs.keys()]).toEqual([3500, 4000, 4500, 5000]);
    expect([...input.generatedRDDs.keys()]).toEqual([3500, 4000, 4500, 5000]);
    expect(() => s.remember(Seconds(5))).toThrow(IllegalStateError);
  });

  it('without remember, streams keep only the last batch', async () => {
    const s = newContext();
    const mapped = addInputStream(s).map((x) => x * 2);
    register(mapped);
    s.start();
    for (let i = 0; i < 10; i++) await clock.advance(500);
    expect([...mapped.generatedRDDs.keys()]).toEqual([5000]);
  });

  it('no output operation', () => {
    const s = newContext();
    addInputStream(s).map((x) => x);
    let thrown: unknown;
    try {
      s.start();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).code).toBe('NO_OUTPUT_OPERATION');
    expect((thrown as Error).message).toContain('print()');
  });

  function startFailure(build: (s: StreamingContext) => void): ValidationError {
    const s = newContext();
    build(s);
    try {
      s.start();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return error as ValidationError;
    }
    throw new Error('start() did not fail');
  }

  it('checkpoint interval not a multiple of the slide', () => {
    const error = startFailure((s) => {
      s.checkpoint(new MemoryCheckpointStore());
      register(addInputStream(s).map((x) => x).setName('doubled').checkpoint(Milliseconds(1200)));
    });
    expect(error.code).toBe('INVALID_CHECKPOINT_INTERVAL');
    expect(error.message).toContain("'doubled'");
    expect(error.message).toContain('1200 ms');
    expect(error.message).toContain('1000');
    expect(error.message).toContain('1500');
  });

  it('checkpoint interval lower than the slide', () => {
    const error = startFailure((s) => {
      s.checkpoint(new MemoryCheckpointStore());
      register(addInputStream(s).map((x) => x).setName('doubled').checkpoint(Milliseconds(250)));
    });
    expect(error.code).toBe('INVALID_CHECKPOINT_INTERVAL');
    expect(error.message).toContain("'doubled'");
    expect(error.message).toContain('250 ms');
    expect(error.message).toContain('500 ms');
  });

  it('checkpointing a stream without a checkpoint directory', () => {
    const error = startFailure((s) => register(addInputStream(s).map((x) => x).setName('doubled').checkpoint(Seconds(1))));
    expect(error.code).toBe('CHECKPOINT_DIRECTORY_NOT_SET');
    expect(error.message).toContain("'doubled'");
    expect(error.message).toContain('ssc.checkpoint(');
  });

  it('dstream.context', () => {
    const s = newContext();
    const input = addInputStream(s);
    expect(input.context).toBe(s);
    expect(input.map((x) => x).context).toBe(s);
  });

  // ---- Resources ----

  it('releases the timer and pending waits on stop', async () => {
    const s = newContext();
    register(addInputStream(s));
    expect(clock.waiterCount).toBe(0);
    s.start();
    await clock.advance(1000);
    const waiting = s.awaitTerminationOrTimeout(60_000);
    expect(clock.waiterCount).toBe(2); // the batch timer and the timeout
    await s.stop();
    expect(await waiting).toBe(true);
    expect(clock.waiterCount).toBe(0);
  });

  it('releases the RDD context it created, and not one it was given', async () => {
    const own = newContext();
    register(addInputStream(own));
    own.start();
    await own.stop();
    expect(own.rddContext.isStopped()).toBe(true);

    const shared = new RDDContext({ master: 'local[2]', logger: recordingLogger() });
    const given = newContext({ rddContext: shared });
    register(addInputStream(given));
    given.start();
    await given.stop();
    expect(shared.isStopped()).toBe(false);
    ssc = undefined;
  });
});
