/**
 * `generatorStream`: under a `ManualClock` a batch gets exactly ratePerSecond × batch seconds
 * records, the same seed and clock give the same records, each record is a function of its index
 * (so the batch length does not change the sequence), and each kind has its shape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CheckpointError,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  Seconds,
  StreamingContext,
  ValidationError,
  type ClickEvent,
  type Duration,
  type GeneratorStreamOptions,
  type SensorReading,
} from '../../../src/index.js';
import { collect, silent } from '../../support/receiverEvents.js';

const contexts: StreamingContext[] = [];

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((ssc) => ssc.stop()));
});

/** The batches of a generator run for `batches` batches of `batch`. */
async function run<T>(options: GeneratorStreamOptions, batches: number, batch: Duration = Seconds(1)): Promise<T[][]> {
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: batch, clock, logger: silent });
  contexts.push(ssc);
  const out = collect(ssc.generatorStream(options as never) as never) as T[][];
  ssc.start();
  for (let i = 0; i < batches; i++) await clock.advance(batch.milliseconds);
  return out;
}

describe('generatorStream', () => {
  for (const kind of ['words', 'clicks', 'sensors'] as const) {
    it(`gives a batch exactly ratePerSecond × batch seconds records (${kind})`, async () => {
      const out = await run({ kind, ratePerSecond: 7, seed: 1 }, 3, Seconds(2));
      expect(out.map((batch) => batch.length)).toEqual([14, 14, 14]);
    });
  }

  it('spreads a fractional rate over the batches', async () => {
    const out = await run({ kind: 'words', ratePerSecond: 0.5 }, 4);
    expect(out.map((batch) => batch.length)).toEqual([1, 0, 1, 0]);
    const tenth = await run({ kind: 'words', ratePerSecond: 0.1 }, 20, Milliseconds(500));
    expect(tenth.flat()).toHaveLength(1);
  });

  it('is deterministic for a seed and the clock', async () => {
    const a = await run({ kind: 'clicks', ratePerSecond: 50, seed: 42 }, 3);
    const b = await run({ kind: 'clicks', ratePerSecond: 50, seed: 42 }, 3);
    const c = await run({ kind: 'clicks', ratePerSecond: 50, seed: 43 }, 3);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('makes the same sequence whatever the batch length', async () => {
    const oneSecond = await run<string>({ kind: 'words', ratePerSecond: 10, seed: 7, wordsPerLine: 3 }, 4);
    const twoSeconds = await run<string>({ kind: 'words', ratePerSecond: 10, seed: 7, wordsPerLine: 3 }, 2, Seconds(2));
    expect(twoSeconds.flat()).toEqual(oneSecond.flat());
    expect(oneSecond.flat()[0]!.split(' ')).toHaveLength(3);
  });

  it('draws words with Zipf-like frequencies: the first word of the vocabulary most often', async () => {
    const [words] = await run<string>({ kind: 'words', ratePerSecond: 20_000, seed: 3 }, 1);
    const counts = new Map<string, number>();
    for (const w of words!) counts.set(w, (counts.get(w) ?? 0) + 1);
    const ranked = [...counts].sort((x, y) => y[1] - x[1]);
    expect(ranked[0]![0]).toBe('the');
    // P(rank 1) = 1 / H(100) ≈ 0.193, P(rank 2) ≈ 0.096
    expect(counts.get('the')! / 20_000).toBeCloseTo(0.193, 1);
    expect(counts.get('of')! / 20_000).toBeCloseTo(0.096, 1);
  });

  it('makes clicks and sensor readings timed inside their batch', async () => {
    const clicks = await run<ClickEvent>({ kind: 'clicks', ratePerSecond: 4, users: 3, pages: 2 }, 2);
    expect(clicks[1]!.map((c) => c.ts)).toEqual([1000, 1250, 1500, 1750]);
    for (const click of clicks.flat()) {
      expect(click.user).toMatch(/^user-[0-2]$/);
      expect(click.page).toMatch(/^\/page\/[01]$/);
    }
    const readings = await run<SensorReading>({ kind: 'sensors', ratePerSecond: 6, sensors: 3 }, 2);
    expect(readings.flat().map((r) => r.sensor)).toEqual(Array.from({ length: 12 }, (_, i) => `sensor-${i % 3}`));
    for (const r of readings.flat()) {
      expect(r.value).toBeGreaterThanOrEqual(14.5);
      expect(r.value).toBeLessThanOrEqual(25.5);
      expect(Math.round(r.value * 100)).toBeCloseTo(r.value * 100, 6);
    }
  });

  it('recovery with another kind, seed or rate gives CHECKPOINT_GRAPH_CHANGED naming the change', async () => {
    const store = new MemoryCheckpointStore({ logger: silent });
    const program = (clock: ManualClock, options: GeneratorStreamOptions) => () => {
      const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silent });
      contexts.push(ssc);
      ssc.checkpoint(store);
      ssc.generatorStream(options as never).foreachRDD(() => undefined);
      return ssc;
    };
    const words: GeneratorStreamOptions = { kind: 'words', ratePerSecond: 10, seed: 1 };
    const clock = new ManualClock();
    const first = await StreamingContext.getOrCreate(store, program(clock, words));
    first.start();
    await clock.advance(2000);
    await first.stop();

    const changed = async (options: GeneratorStreamOptions): Promise<string> => {
      const error = await StreamingContext.getOrCreate(store, program(new ManualClock(2000), options)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointError);
      expect((error as CheckpointError).code).toBe('CHECKPOINT_GRAPH_CHANGED');
      return (error as Error).message;
    };
    expect(await changed({ ...words, seed: 2 })).toContain('stream 0: GeneratorInputDStream seed 1 → 2');
    expect(await changed({ ...words, ratePerSecond: 20 })).toContain('stream 0: GeneratorInputDStream ratePerSecond 10 → 20');
    expect(await changed({ kind: 'clicks', ratePerSecond: 10, seed: 1 })).toContain('stream 0: GeneratorInputDStream kind words → clicks');
    // The same options recover.
    await (await StreamingContext.getOrCreate(store, program(new ManualClock(2000), words))).stop();
  });

  it('rejects a rate that is not positive and an unknown kind', () => {
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), logger: silent });
    contexts.push(ssc);
    expect(() => ssc.generatorStream({ kind: 'words', ratePerSecond: 0 })).toThrow(ValidationError);
    expect(() => ssc.generatorStream({ kind: 'tweets', ratePerSecond: 1 } as never)).toThrow(/unknown kind 'tweets'/);
    expect(() => ssc.generatorStream({ kind: 'words', ratePerSecond: 1, vocabulary: [] })).toThrow(/vocabulary is empty/);
  });

  it('releases everything on stop: no waiter left on the clock', async () => {
    const clock = new ManualClock();
    const ssc = new StreamingContext({ batchDuration: Seconds(1), clock, logger: silent });
    collect(ssc.generatorStream({ kind: 'sensors', ratePerSecond: 5 }));
    ssc.start();
    await clock.advance(1000);
    await ssc.stop();
    expect(clock.waiterCount).toBe(0);
  });
});
