import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors.js';
import { ManualClock } from '../../../../src/streaming/util/ManualClock.js';

/** Lets `turns` microtask turns pass: enough to show something is still pending, without timers. */
async function microtasks(turns = 200): Promise<void> {
  for (let i = 0; i < turns; i++) await undefined;
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ManualClock', () => {
  it('reads the time it was given and moves only when told to', async () => {
    expect(new ManualClock().getTimeMillis()).toBe(0);
    const clock = new ManualClock(500);
    expect(clock.getTimeMillis()).toBe(500);
    await clock.advance(250);
    expect(clock.getTimeMillis()).toBe(750);
    await clock.setTime(100);
    expect(clock.getTimeMillis()).toBe(100);
  });

  it('waitTillTime resolves once the clock reaches the target, with the time it reads', async () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    void clock.waitTillTime(100).then((t) => seen.push(t));
    await clock.advance(99);
    expect(seen).toEqual([]);
    await clock.advance(51);
    expect(seen).toEqual([150]);
  });

  it('waitTillTime for a time already reached resolves without a move', async () => {
    const clock = new ManualClock(1000);
    const seen: number[] = [];
    void clock.waitTillTime(400).then((t) => seen.push(t));
    await clock.whenIdle();
    expect(seen).toEqual([1000]);
  });

  it('wakes waiters in target order, ties in registration order', async () => {
    const clock = new ManualClock();
    const order: string[] = [];
    const wait = (target: number, label: string): void => {
      void clock.waitTillTime(target).then(() => order.push(label));
    };
    wait(300, 'c');
    wait(100, 'a');
    wait(200, 'b1');
    wait(200, 'b2');
    wait(400, 'late');
    await clock.advance(300);
    expect(order).toEqual(['a', 'b1', 'b2', 'c']);
    expect(clock.waiterCount).toBe(1);
  });

  it('advance settles after the woken waiters and their chained work have run', async () => {
    const clock = new ManualClock();
    const log: string[] = [];
    const waitThenWork = async (): Promise<void> => {
      await clock.waitTillTime(100);
      log.push('woken');
      await Promise.resolve();
      log.push('worked');
    };
    void (async () => {
      await waitThenWork();
      log.push('caller resumed');
    })();
    await clock.advance(100);
    expect(log).toEqual(['woken', 'worked', 'caller resumed']);
  });

  it('wakes, in the same advance, waiters registered by a wake-up and already due', async () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const loop = async (): Promise<void> => {
      for (let target = 100; target <= 500; target += 100) {
        await clock.waitTillTime(target);
        seen.push(target);
      }
    };
    void loop();
    await clock.advance(350);
    expect(seen).toEqual([100, 200, 300]);
    await clock.advance(1000);
    expect(seen).toEqual([100, 200, 300, 400, 500]);
  });

  it('advance waits for tracked work before waking the next waiter and before settling', async () => {
    const clock = new ManualClock();
    const work = deferred();
    const log: string[] = [];
    void clock.waitTillTime(100).then(() => {
      log.push('first');
      clock.trackWork(work.promise.then(() => log.push('first done')));
    });
    void clock.waitTillTime(200).then(() => log.push('second'));
    let isSettled = false;
    const advancing = clock.advance(200).then(() => {
      isSettled = true;
    });
    await microtasks();
    expect(log).toEqual(['first']);
    expect(isSettled).toBe(false);
    work.resolve();
    await advancing;
    expect(log).toEqual(['first', 'first done', 'second']);
  });

  it('a rejected tracked promise still lets the clock settle', async () => {
    const clock = new ManualClock();
    const work = deferred();
    const observed = work.promise.catch((e: unknown) => e);
    clock.trackWork(work.promise);
    const idle = clock.whenIdle();
    work.reject(new Error('boom'));
    await idle;
    expect(await observed).toEqual(new Error('boom'));
  });

  it('advances that were not awaited are covered by the last one', async () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    void clock.waitTillTime(100).then((t) => seen.push(t));
    void clock.waitTillTime(200).then((t) => seen.push(t));
    void clock.advance(100);
    await clock.advance(100);
    expect(seen.length).toBe(2);
    expect(clock.getTimeMillis()).toBe(200);
  });

  it('setTime backwards wakes no one', async () => {
    const clock = new ManualClock(1000);
    let isWoken = false;
    void clock.waitTillTime(2000).then(() => {
      isWoken = true;
    });
    await clock.setTime(0);
    expect(isWoken).toBe(false);
    await clock.setTime(2000);
    expect(isWoken).toBe(true);
  });

  it('releases a waiter whose signal aborts', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const waiting = clock.waitTillTime(100, controller.signal);
    expect(clock.waiterCount).toBe(1);
    controller.abort(new Error('interrupted'));
    expect(clock.waiterCount).toBe(0);
    await expect(waiting).rejects.toThrow('interrupted');
    await clock.advance(100);
  });

  it('rejects a wait whose signal is already aborted', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    controller.abort();
    await expect(clock.waitTillTime(100, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.waiterCount).toBe(0);
  });

  it('rejects times that are not whole milliseconds', () => {
    const clock = new ManualClock();
    expect(() => new ManualClock(0.5)).toThrow(ValidationError);
    expect(() => clock.advance(-1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => clock.advance(1.5)).toThrow(ValidationError);
    expect(() => clock.setTime(Number.NaN)).toThrow(ValidationError);
    expect(() => clock.waitTillTime(Number.NaN)).toThrow(ValidationError);
  });
});
