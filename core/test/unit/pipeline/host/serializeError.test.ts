import { MessageChannel } from 'node:worker_threads';
import { expose, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { IllegalStateError, RivuletError, TaskFailedError, ValidationError } from '../../../../src/errors.ts';
import { installErrorTransfer } from '../../../../src/pipeline/host/errorTransfer.ts';
import { deserializeError, serializeError } from '../../../../src/pipeline/host/serializeError.ts';

describe('serializeError', () => {
  it('keeps a RivuletError subclass, its code, message and stack', () => {
    const original = new ValidationError('INVALID_WINDOW', "WindowedDStream 'w': window 2500 ms is not a multiple of 1000 ms");
    const copy = deserializeError(structuredClone(serializeError(original)));
    expect(copy).toBeInstanceOf(ValidationError);
    expect(copy).toBeInstanceOf(RivuletError);
    expect(copy).toMatchObject({ name: 'ValidationError', code: 'INVALID_WINDOW', message: original.message, stack: original.stack });
  });

  it("keeps a failed task's cause, the user's own error", () => {
    const original = new TaskFailedError(1, 'MapPartitionsRDD[1] at map', 0, 3, new TypeError('x.split is not a function'));
    const serialized = structuredClone(serializeError(original));
    expect(serialized.details).toMatchObject({ rddId: 1, rddDescription: 'MapPartitionsRDD[1] at map', partition: 0, stageId: 3 });
    const copy = deserializeError(serialized);
    expect(copy).toBeInstanceOf(TaskFailedError);
    expect(copy).toMatchObject({ code: 'TASK_FAILED', rddId: 1, partition: 0, stageId: 3 });
    expect(copy.cause).toBeInstanceOf(Error);
    expect(copy.cause).toMatchObject({ name: 'TypeError', message: 'x.split is not a function' });
  });

  it('keeps plain-data fields, and describes thrown non-errors', () => {
    const withProblems = Object.assign(new RivuletError('INVALID_ARGUMENT', 'bad spec'), { problems: [{ nodeId: 'a', message: 'm' }] });
    expect(deserializeError(serializeError(withProblems))).toMatchObject({ problems: [{ nodeId: 'a', message: 'm' }] });
    expect(serializeError('plain text')).toEqual({ name: 'Error', message: 'plain text' });
    expect(serializeError({ reason: 42 })).toEqual({ name: 'Error', message: '{"reason":42}' });
  });

  it('cuts cause cycles', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    let depth = 0;
    for (let s = serializeError(a); s.cause; s = s.cause) depth++;
    expect(depth).toBe(4);
  });
});

describe('errors across comlink', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const c of channels.splice(0)) {
      c.port1.close();
      c.port2.close();
    }
  });

  it('arrive as RivuletErrors with their class and code', async () => {
    installErrorTransfer();
    const channel = new MessageChannel();
    channels.push(channel);
    expose(
      {
        fail(): never {
          throw new IllegalStateError('ENGINE_NOT_LOADED', 'step(): no pipeline is loaded; call load(spec) first.');
        },
        failPlain(): never {
          throw new RangeError('out of range');
        },
      },
      nodeEndpoint(channel.port1),
    );
    const remote = wrap<{ fail(): void; failPlain(): void }>(nodeEndpoint(channel.port2));
    const error = await remote.fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IllegalStateError);
    expect(error).toMatchObject({ name: 'IllegalStateError', code: 'ENGINE_NOT_LOADED', message: 'step(): no pipeline is loaded; call load(spec) first.' });
    const plain = await remote.failPlain().catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(Error);
    expect(plain).toMatchObject({ name: 'RangeError', message: 'out of range' });
  });
});
