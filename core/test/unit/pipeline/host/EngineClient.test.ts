import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../../../src/pipeline/host/EngineClient.ts';
import type { EngineSubscriber } from '../../../../src/pipeline/host/EngineApi.ts';
import type { EngineEvent } from '../../../../src/pipeline/host/EngineEvent.ts';
import { FakeTimer, settle } from './FakeTimer.ts';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A client over an in-process fake host whose `step` waits until the test finishes it. */
function fakeEngine() {
  const timer = new FakeTimer();
  const channel = new MessageChannel();
  channels.push(channel);
  let subscriber: EngineSubscriber | undefined;
  const steps: (() => void)[] = [];
  const fakeHost = {
    subscribe: async (s: EngineSubscriber) => void (subscriber = s),
    step: () => new Promise<{ batchTimeMs: number }>((resolve) => steps.push(() => resolve({ batchTimeMs: 1000 }))),
    status: async () => ({ state: 'paused', speed: 1, clockMs: 0, batchDurationMs: 1000 }),
  };
  expose(fakeHost, nodeEndpoint(channel.port1));
  let terminations = 0;
  const client = new EngineClient({ endpoint: nodeEndpoint(channel.port2), terminate: () => terminations++, batchTimeoutMs: 1000, timer });
  const events: EngineEvent[] = [];
  client.subscribe((e) => events.push(e));
  return {
    timer,
    client,
    events,
    send: async (chunk: EngineEvent[]) => {
      await subscriber!(chunk);
      await settle();
    },
    finishStep: () => steps.shift()!(),
    terminations: () => terminations,
  };
}

describe('EngineClient', () => {
  it('lets a call run as long as it is within the limit', async () => {
    const engine = fakeEngine();
    await settle();
    const step = engine.client.step();
    await settle();
    await engine.timer.advance(900);
    engine.finishStep();
    await expect(step).resolves.toEqual({ batchTimeMs: 1000 });
    await engine.timer.advance(5000);
    expect(engine.terminations()).toBe(0);
  });

  it('terminates the worker when a batch it announced does not finish in time, naming the batch', async () => {
    const engine = fakeEngine();
    await settle();
    await engine.send([{ type: 'batchProgress', phase: 'running', batchTimeMs: 7000 }]);
    await engine.timer.advance(999);
    expect(engine.terminations()).toBe(0);
    await engine.timer.advance(1);
    expect(engine.terminations()).toBe(1);
    expect(engine.client.isTerminated).toBe(true);
    expect(engine.events.find((e) => e.type === 'errorReported')).toMatchObject({
      source: 'engine',
      batchTimeMs: 7000,
      error: { code: 'ENGINE_UNRESPONSIVE', message: expect.stringMatching(/^Batch 7000 ms did not finish within 1000 ms/) },
    });
    await expect(engine.client.status()).rejects.toMatchObject({ code: 'ENGINE_TERMINATED', cause: { code: 'ENGINE_UNRESPONSIVE' } });
  });

  it('stops timing a batch at its done beacon', async () => {
    const engine = fakeEngine();
    await settle();
    await engine.send([{ type: 'batchProgress', phase: 'running', batchTimeMs: 1000 }]);
    await engine.timer.advance(600);
    await engine.send([{ type: 'batchProgress', phase: 'done', batchTimeMs: 1000 }]);
    await engine.timer.advance(5000);
    expect(engine.terminations()).toBe(0);
  });

  it('rejects pending calls at once when terminated', async () => {
    const engine = fakeEngine();
    await settle();
    const step = engine.client.step();
    await settle();
    engine.client.terminate();
    await expect(step).rejects.toMatchObject({ code: 'ENGINE_TERMINATED' });
    expect(engine.events.at(-1)).toMatchObject({ type: 'stateChanged', state: 'terminated' });
    expect(engine.timer.pending).toBe(0);
  });
});
