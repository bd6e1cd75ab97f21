/**
 * The engine in a real worker_threads worker, driven through its client: the example pipelines,
 * errors crossing the boundary, and a runaway user function contained by the client's watchdog.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IllegalStateError, RivuletError, ValidationError } from '../../../../src/errors.ts';
import type { EngineClient } from '../../../../src/pipeline/host/EngineClient.ts';
import type { EngineEvent } from '../../../../src/pipeline/host/EngineEvent.ts';
import { createNodeEngine } from '../../../../src/platform/node/createNodeEngine.ts';
import { eventLog, nodeEngineWorkerUrl, runawaySpec, throwingSpec } from '../../pipeline/host/hostFixtures.ts';
import { examplePipelines, runFluent } from '../../pipeline/runPipeline.ts';
import { twins } from '../../pipeline/twins.ts';

const engines: EngineClient[] = [];
const dirs: string[] = [];

// vitest runs Node with `--conditions source`, which a worker would inherit: the bundle needs the published packages.
const workerOptions = { execArgv: [] };

function engine(batchTimeoutMs?: number): EngineClient {
  const client = createNodeEngine({ workerUrl: nodeEngineWorkerUrl, workerOptions, ...(batchTimeoutMs ? { batchTimeoutMs } : {}) });
  engines.push(client);
  return client;
}

afterEach(() => {
  for (const client of engines.splice(0)) client.terminate();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createNodeEngine', () => {
  it('runs every example pipeline in a worker thread, printing what its fluent-API twin prints', async () => {
    for (const [name, spec] of examplePipelines()) {
      const twin = twins[name]!;
      const client = engine();
      const log = eventLog();
      client.subscribe((event) => log.events.push(event));
      const checkpoint = mkdtempSync(join(tmpdir(), 'rivulet-worker-'));
      dirs.push(checkpoint);
      const loaded = await client.load(JSON.stringify(spec), { checkpoint });
      expect(loaded.ok, name).toBe(true);
      for (let i = 0; i < twin.numBatches; i++) await client.step();
      await client.stop();
      expect(log.outputs(), name).toEqual(await runFluent(twin.batchDurationMs, twin.checkpoint, twin.build, twin.numBatches));
    }
  }, 60_000); // several pipelines, each in its own worker

  it("reports a failing user function's own message with its batch", async () => {
    const client = engine();
    const log = eventLog();
    client.subscribe((event) => log.events.push(event));
    await client.load(JSON.stringify(throwingSpec));
    await client.step();
    const [failure] = log.of('errorReported');
    expect(failure).toMatchObject({ source: 'outputOperation', batchTimeMs: 1000, error: { code: 'TASK_FAILED' } });
    expect(failure!.error.cause?.message).toBe('boom');
  });

  it('rethrows RivuletErrors from the worker with their class and code', async () => {
    const client = engine();
    const notLoaded = await client.step().catch((e: unknown) => e);
    expect(notLoaded).toBeInstanceOf(IllegalStateError);
    expect(notLoaded).toMatchObject({ name: 'IllegalStateError', code: 'ENGINE_NOT_LOADED' });
    expect((notLoaded as Error).message).toContain('call load(spec) first');
    const badSpeed = await client.setSpeed(10).catch((e: unknown) => e);
    expect(badSpeed).toBeInstanceOf(ValidationError);
    expect(badSpeed).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('contains a user function that loops forever: terminates the worker and names the batch', async () => {
    const client = engine(300);
    const events = eventLog();
    client.subscribe((event) => events.events.push(event));
    await client.load(JSON.stringify(runawaySpec));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10); // the test's own thread keeps running meanwhile
    try {
      const error = await client.step().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RivuletError);
      expect(error).toMatchObject({ code: 'ENGINE_UNRESPONSIVE' });
      expect((error as Error).message).toMatch(/^Batch 1000 ms did not finish within 300 ms/);
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(5);
    expect(client.isTerminated).toBe(true);
    expect(events.of('errorReported')).toMatchObject([{ source: 'engine', batchTimeMs: 1000, error: { code: 'ENGINE_UNRESPONSIVE' } }]);
    expect(events.of('stateChanged').at(-1)).toMatchObject({ state: 'terminated' });
    await expect(client.status()).rejects.toMatchObject({ code: 'ENGINE_TERMINATED' });
  });

  it('contains a runaway batch while running on the timer, with no call pending', async () => {
    const client = engine(300);
    const terminated = new Promise<EngineEvent[]>((resolve) => {
      const events: EngineEvent[] = [];
      client.subscribe((event) => {
        events.push(event);
        if (event.type === 'stateChanged' && event.state === 'terminated') resolve(events);
      });
    });
    await client.load(JSON.stringify(runawaySpec));
    await client.setSpeed(4);
    await client.start(); // the first batch is due 250 ms later; its beacon arms the watchdog
    const events = await terminated;
    expect(events).toContainEqual({ type: 'batchProgress', phase: 'running', batchTimeMs: 1000 });
    expect(events.find((e) => e.type === 'errorReported')).toMatchObject({
      source: 'engine',
      batchTimeMs: 1000,
      error: { code: 'ENGINE_UNRESPONSIVE' },
    });
  });

  it('ends the client when the worker script cannot start', async () => {
    const client = createNodeEngine({ workerUrl: new URL('./missing-worker.js', nodeEngineWorkerUrl), workerOptions });
    engines.push(client);
    await expect(client.status()).rejects.toMatchObject({ code: 'ENGINE_TERMINATED' });
  });
});
