import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../../src/node.ts'; // the Node platform: checkpoints to a directory
import { IllegalStateError, ValidationError } from '../../../../src/errors.ts';
import { EngineHost } from '../../../../src/pipeline/host/EngineHost.ts';
import type { EngineEvent } from '../../../../src/pipeline/host/EngineEvent.ts';
import { examplePipelines, runCompiled, runFluent } from '../runPipeline.ts';
import { twins } from '../twins.ts';
import { FakeTimer } from './FakeTimer.ts';
import { eventLog, throwingSpec, wordCountSpec } from './hostFixtures.ts';

const literal = wordCountSpec([['a b', 'b c'], ['c d e', 'a'], []]);

describe('EngineHost', () => {
  it('answers a spec with problems by listing them, building nothing', async () => {
    const host = new EngineHost();
    expect(await host.load('{ not json')).toMatchObject({ ok: false, problems: [{ code: 'INVALID_JSON' }] });
    const noOutput = { ...literal, nodes: literal.nodes.filter((n) => n.id !== 'print'), edges: literal.edges.slice(0, 3) };
    const result = await host.load(JSON.stringify(noOutput));
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'NO_OUTPUT' }] });
    expect((await host.status()).state).toBe('empty');
  });

  it('steps batch by batch on its manual clock, printing what the compiled spec prints', async () => {
    const host = new EngineHost();
    const log = eventLog();
    await host.subscribe(log.subscriber);
    const loaded = await host.load(JSON.stringify(literal));
    expect(loaded).toMatchObject({
      ok: true,
      pipeline: { batchDurationMs: 1000, outputs: ['print'], recovered: false, clockMs: 0 },
    });
    expect(await host.step()).toEqual({ batchTimeMs: 1000 });
    expect(await host.step()).toEqual({ batchTimeMs: 2000 });
    expect(await host.step()).toEqual({ batchTimeMs: 3000 });
    await host.stop();
    expect(log.lines()).toEqual(await runCompiled(literal, 3));
    expect(log.of('stateChanged').map((e) => e.state)).toEqual(['empty', 'loaded', 'paused', 'stopped']);
  });

  it("sends a snapshot of every batch: each node's records, sample and lineage", async () => {
    const host = new EngineHost();
    const log = eventLog();
    await host.subscribe(log.subscriber);
    await host.load(JSON.stringify(literal));
    await host.step();
    const [snapshot] = log.of('batchInspected').map((e) => e.snapshot);
    expect(snapshot).toMatchObject({ batchTimeMs: 1000, inspected: true, schedulingDelayMs: 0, batchInfo: { batchTimeMs: 1000 } });
    const nodes = new Map(snapshot!.nodes.map((n) => [n.nodeId, n]));
    expect(nodes.get('lines')).toMatchObject({ recordsPerPartition: [1, 1], sample: ['a b', 'b c'] });
    expect(nodes.get('words')).toMatchObject({ records: 4, sample: ['a', 'b', 'b', 'c'] });
    expect(nodes.get('counts')!.records).toBe(3);
    expect(snapshot!.lineage.edges.some((e) => e.shuffle)).toBe(true);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot); // plain JSON
    await host.stop();
  });

  it('reports a failed batch with the user function’s own message, and goes on', async () => {
    const host = new EngineHost();
    const log = eventLog();
    await host.subscribe(log.subscriber);
    await host.load(JSON.stringify(throwingSpec));
    await host.step();
    await host.step();
    const [failure, ...more] = log.of('errorReported');
    expect(more).toEqual([]);
    expect(failure).toMatchObject({ source: 'outputOperation', batchTimeMs: 1000, error: { name: 'TaskFailedError', code: 'TASK_FAILED' } });
    // The failed RDD's id, as data: the editor finds the failing node by it.
    expect(failure!.error.details).toMatchObject({ rddId: expect.any(Number), partition: expect.any(Number) });
    expect(failure!.error.cause).toMatchObject({ name: 'Error', message: 'boom' });
    const completed = log.of('outputOperationCompleted').map((e) => e.outputOperationInfo);
    expect(completed[0]!.failureReason).toContain('boom');
    await host.stop();
  });

  it('throws RivuletErrors for calls out of place', async () => {
    const host = new EngineHost();
    await expect(host.step()).rejects.toThrow(IllegalStateError);
    await expect(host.step()).rejects.toMatchObject({ code: 'ENGINE_NOT_LOADED' });
    await expect(host.setSpeed(8)).rejects.toThrow(ValidationError);
    await host.load(JSON.stringify(literal));
    await host.start();
    await expect(host.step()).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
    await host.stop();
  });

  it('runs batches on its timer at the set speed, and pauses', async () => {
    const timer = new FakeTimer();
    const host = new EngineHost({ timer });
    const log = eventLog();
    await host.subscribe(log.subscriber);
    await host.load(JSON.stringify(literal));
    await host.setSpeed(2);
    await host.start();
    await timer.advance(1600); // batches due at 500, 1000 and 1500
    await host.pause();
    const ran = log.of('batchProgress').filter((e) => e.phase === 'done').map((e) => e.batchTimeMs);
    expect(ran).toEqual([1000, 2000, 3000]);
    await timer.advance(5000);
    expect(log.of('batchProgress').filter((e) => e.phase === 'done')).toHaveLength(3);
    expect(log.of('stateChanged').map((e) => [e.state, e.speed])).toContainEqual(['paused', 2]);
    await host.stop();
  });

  it('releases its timers and the context on stop', async () => {
    const timer = new FakeTimer();
    const host = new EngineHost({ timer });
    const log = eventLog();
    await host.subscribe(log.subscriber);
    await host.load(JSON.stringify(literal));
    await host.start();
    await timer.advance(2500);
    await host.stop();
    expect(timer.pending).toBe(0);
    expect(log.events.at(-1)).toMatchObject({ type: 'stateChanged', state: 'stopped' });
    await expect(host.step()).rejects.toMatchObject({ code: 'ENGINE_NOT_LOADED', message: expect.stringContaining('it was stopped') });
  });

  it('bounds what a fast pipeline sends to a slow page', async () => {
    const timer = new FakeTimer();
    const host = new EngineHost({ timer, events: { minDeliveryIntervalMs: 100, maxPendingBatches: 2, maxPendingLogs: 10 } });
    const chunks: (readonly EngineEvent[])[] = [];
    let releasePage: () => void = () => {};
    let isBusy = true;
    await host.subscribe((chunk) => {
      chunks.push(chunk);
      if (!isBusy || chunk[0]!.type === 'batchProgress') return undefined; // beacons are not awaited
      return new Promise<void>((resolve) => (releasePage = resolve)); // a page busy with each chunk
    });
    await host.load(JSON.stringify(wordCountSpec(Array.from({ length: 40 }, (_, i) => [`w${i}`]))));
    await host.setSpeed(4);
    await host.start();
    await timer.advance(10_000); // 40 batches at 4× speed
    const deliveries = () => chunks.filter((c) => c[0]!.type !== 'batchProgress');
    expect(deliveries()).toHaveLength(1); // the page has not taken the first chunk yet
    releasePage();
    await timer.advance(100);
    const second = deliveries()[1]!;
    expect(second[0]).toMatchObject({ type: 'eventsDropped' });
    const snapshots = second.filter((e) => e.type === 'batchInspected');
    expect(snapshots.length).toBeLessThanOrEqual(2);
    const dropped = second[0] as Extract<EngineEvent, { type: 'eventsDropped' }>;
    expect(dropped.batches + snapshots.length).toBeGreaterThanOrEqual(38);
    isBusy = false;
    releasePage();
    await host.pause();
    await host.stop();
  });

  it('recovers a pipeline from its checkpoint in a new host, as after a driver failure', async () => {
    const spec = examplePipelines().get('statefulWordCount')!;
    const twin = twins.statefulWordCount!;
    const checkpoint = mkdtempSync(join(tmpdir(), 'rivulet-recover-'));
    try {
      const first = new EngineHost();
      await first.load(JSON.stringify(spec), { checkpoint });
      await first.step();
      await first.step();
      await first.stop(); // (the editor terminates the worker instead: nothing runs after the checkpoint)

      const second = new EngineHost();
      const checkpoints = await second.listCheckpoints(checkpoint);
      expect(checkpoints[0]).toMatchObject({ time: 2000, valid: true });
      const log = eventLog();
      await second.subscribe(log.subscriber);
      const loaded = await second.load(JSON.stringify(spec), { checkpoint, recover: true });
      expect(loaded).toMatchObject({ ok: true, pipeline: { recovered: true, clockMs: 2000 } });
      expect(await second.step()).toEqual({ batchTimeMs: 3000 });
      await second.stop();
      const uninterrupted = await runFluent(twin.batchDurationMs, twin.checkpoint, twin.build, 3);
      const third = uninterrupted.slice(uninterrupted.indexOf('Time: 3000 ms') - 1);
      expect(log.outputs()).toEqual(third);
    } finally {
      rmSync(checkpoint, { recursive: true, force: true });
    }
  });

  it('restores an older checkpoint, dropping the newer ones, and deletes checkpoints', async () => {
    const spec = examplePipelines().get('statefulWordCount')!;
    const twin = twins.statefulWordCount!;
    const checkpoint = mkdtempSync(join(tmpdir(), 'rivulet-restore-'));
    try {
      const first = new EngineHost();
      await first.load(JSON.stringify(spec), { checkpoint });
      for (let i = 0; i < 4; i++) await first.step();
      expect((await first.listCheckpoints()).map((c) => c.time)).toEqual([4000, 3000, 2000, 1000]);
      await first.deleteCheckpoint(1000, checkpoint); // through the running context's store, which holds the lock
      await first.stop();
      expect((await first.listCheckpoints(checkpoint)).map((c) => c.time)).toEqual([4000, 3000, 2000]);

      const second = new EngineHost();
      const missing = await second.load(JSON.stringify(spec), { checkpoint, recover: true, checkpointTime: 1000 }).catch((e: unknown) => e);
      expect(missing).toMatchObject({ name: 'CheckpointError', code: 'CHECKPOINT_NOT_FOUND' });
      expect((await second.listCheckpoints(checkpoint)).map((c) => c.time)).toEqual([4000, 3000, 2000]);

      const log = eventLog();
      await second.subscribe(log.subscriber);
      const loaded = await second.load(JSON.stringify(spec), { checkpoint, recover: true, checkpointTime: 2000 });
      expect(loaded).toMatchObject({ ok: true, pipeline: { recovered: true, clockMs: 2000 } });
      expect((await second.listCheckpoints()).map((c) => c.time)).toEqual([2000]);
      expect(await second.step()).toEqual({ batchTimeMs: 3000 });
      await second.stop();
      const uninterrupted = await runFluent(twin.batchDurationMs, twin.checkpoint, twin.build, 3);
      expect(log.outputs()).toEqual(uninterrupted.slice(uninterrupted.indexOf('Time: 3000 ms') - 1));

      await second.deleteCheckpoint(2000, checkpoint);
      expect((await second.listCheckpoints(checkpoint)).map((c) => c.time)).toEqual([3000]);
    } finally {
      rmSync(checkpoint, { recursive: true, force: true });
    }
  });

  it('runs every example pipeline, inspecting it, printing what its fluent-API twin prints', async () => {
    for (const [name, spec] of examplePipelines()) {
      const twin = twins[name]!;
      const host = new EngineHost();
      const log = eventLog();
      await host.subscribe(log.subscriber);
      const checkpoint = mkdtempSync(join(tmpdir(), 'rivulet-host-'));
      const loaded = await host.load(JSON.stringify(spec), { checkpoint });
      expect(loaded.ok, name).toBe(true);
      for (let i = 0; i < twin.numBatches; i++) await host.step();
      await host.stop();
      expect(log.outputs(), name).toEqual(await runFluent(twin.batchDurationMs, twin.checkpoint, twin.build, twin.numBatches));
      expect(log.of('batchInspected').length, name).toBe(log.of('batchCompleted').length);
      expect(log.of('errorReported'), name).toEqual([]);
      rmSync(checkpoint, { recursive: true, force: true });
    }
  }, 60_000); // several pipelines, each run to completion
});
