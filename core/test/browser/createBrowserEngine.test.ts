/// <reference types="vite/client" />
/**
 * The engine in a real module worker in Chromium, driven through its client: the example
 * pipelines print what their compiled specs print on the page, errors cross the boundary with
 * their codes, and a runaway user function is contained while the page keeps running.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  IllegalStateError,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  RivuletError,
  StreamingContext,
  createBrowserEngine,
  type EngineClient,
  type EngineEvent,
  type PipelineSpec,
} from '../../src/browser.ts';
import { outputLines } from '../../src/pipeline/host/outputLines.ts';
import { runawaySpec, throwingSpec } from '../unit/pipeline/host/hostFixtures.ts';
import { twins, type Twin } from '../unit/pipeline/twins.ts';

const examples = import.meta.glob<PipelineSpec>('../../../examples/pipelines/*.json', { eager: true, import: 'default' });

const engines: EngineClient[] = [];
afterEach(() => {
  for (const client of engines.splice(0)) client.terminate();
});

function engine(batchTimeoutMs?: number): { client: EngineClient; events: EngineEvent[] } {
  const client = createBrowserEngine(batchTimeoutMs ? { batchTimeoutMs } : {});
  engines.push(client);
  const events: EngineEvent[] = [];
  client.subscribe((event) => events.push(event));
  return { client, events };
}

/** What an example's fluent-API twin prints, run on this page on a ManualClock (the reference). */
async function printedByTwin(twin: Twin): Promise<string[]> {
  const lines: string[] = [];
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Milliseconds(twin.batchDurationMs), clock, master: 'local[2]', printLine: (l) => lines.push(l) });
  if (twin.checkpoint) ssc.checkpoint(new MemoryCheckpointStore());
  twin.build(ssc);
  ssc.start();
  for (let i = 0; i < twin.numBatches; i++) await clock.advance(twin.batchDurationMs);
  await ssc.stop();
  return lines;
}

describe('createBrowserEngine', () => {
  it('runs every example pipeline in a module worker, printing what its fluent-API twin prints', async () => {
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(5);
    for (const [file, spec] of Object.entries(examples)) {
      const twin = twins[file.replace(/^.*\/(.*)\.json$/, '$1')]!;
      const { client, events } = engine();
      const loaded = await client.load(JSON.stringify(spec), { checkpoint: `engine-test-${file}` });
      expect(loaded.ok, file).toBe(true);
      for (let i = 0; i < twin.numBatches; i++) await client.step();
      await client.stop();
      expect(events.flatMap(outputLines), file).toEqual(await printedByTwin(twin));
      const completed = events.filter((e) => e.type === 'batchCompleted').length;
      expect(completed, file).toBeGreaterThan(0);
      expect(events.filter((e) => e.type === 'batchInspected'), file).toHaveLength(completed);
    }
  }, 60_000); // several pipelines, each in its own worker

  it('recovers from IndexedDB in a new worker after the first one was terminated (a driver failure)', async () => {
    const spec = examples['../../../examples/pipelines/statefulWordCount.json']!;
    const twin = twins.statefulWordCount!;
    const checkpoint = 'engine-test-recovery';
    const first = engine();
    await first.client.load(JSON.stringify(spec), { checkpoint });
    await first.client.step();
    await first.client.step();
    first.client.terminate(); // the driver fails: no stop(), nothing more runs

    const second = engine();
    expect((await second.client.listCheckpoints(checkpoint))[0]).toMatchObject({ time: 2000, valid: true });
    const loaded = await second.client.load(JSON.stringify(spec), { checkpoint, recover: true });
    expect(loaded).toMatchObject({ ok: true, pipeline: { recovered: true, clockMs: 2000 } });
    await second.client.step();
    await second.client.stop();
    const uninterrupted = await printedByTwin({ ...twin, numBatches: 3 });
    expect(second.events.flatMap(outputLines)).toEqual(uninterrupted.slice(uninterrupted.indexOf('Time: 3000 ms') - 1));
  });

  it('deletes a checkpoint of the running pipeline (whose worker holds the lock) and restores an older one', async () => {
    const spec = examples['../../../examples/pipelines/statefulWordCount.json']!;
    const twin = twins.statefulWordCount!;
    const checkpoint = 'engine-test-restore';
    const first = engine();
    await first.client.load(JSON.stringify(spec), { checkpoint });
    for (let i = 0; i < 4; i++) await first.client.step();
    await first.client.deleteCheckpoint(1000, checkpoint);
    expect((await first.client.listCheckpoints(checkpoint)).map((c) => c.time)).toEqual([4000, 3000, 2000]);
    first.client.terminate();

    const second = engine();
    const loaded = await second.client.load(JSON.stringify(spec), { checkpoint, recover: true, checkpointTime: 2000 });
    expect(loaded).toMatchObject({ ok: true, pipeline: { recovered: true, clockMs: 2000 } });
    expect((await second.client.listCheckpoints(checkpoint)).map((c) => c.time)).toEqual([2000]);
    await second.client.step();
    await second.client.stop();
    const uninterrupted = await printedByTwin({ ...twin, numBatches: 3 });
    expect(second.events.flatMap(outputLines)).toEqual(uninterrupted.slice(uninterrupted.indexOf('Time: 3000 ms') - 1));
    await second.client.deleteCheckpoint(3000, checkpoint);
    await second.client.deleteCheckpoint(2000, checkpoint);
    expect(await second.client.listCheckpoints(checkpoint)).toEqual([]);
  });

  it("reports a failing user function's own message, and rethrows RivuletErrors with their class", async () => {
    const { client, events } = engine();
    const notLoaded = await client.step().catch((e: unknown) => e);
    expect(notLoaded).toBeInstanceOf(IllegalStateError);
    expect(notLoaded).toMatchObject({ code: 'ENGINE_NOT_LOADED' });
    await client.load(JSON.stringify(throwingSpec));
    await client.step();
    const failure = events.find((e) => e.type === 'errorReported');
    expect(failure).toMatchObject({ source: 'outputOperation', error: { code: 'TASK_FAILED', cause: { message: 'boom' } } });
  });

  it('contains a user function that loops forever while the page keeps running', async () => {
    const { client, events } = engine(500);
    await client.load(JSON.stringify(runawaySpec));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const error = await client.step().catch((e: unknown) => e);
    clearInterval(ticker);
    expect(error).toBeInstanceOf(RivuletError);
    expect(error).toMatchObject({ code: 'ENGINE_UNRESPONSIVE' });
    expect((error as Error).message).toMatch(/^Batch 1000 ms did not finish within 500 ms/);
    expect(ticks).toBeGreaterThan(5);
    expect(events.at(-1)).toMatchObject({ type: 'stateChanged', state: 'terminated' });
  });
});
