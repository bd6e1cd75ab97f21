import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecurringTimer } from '../../../../src/streaming/util/RecurringTimer.js';
import { SystemClock } from '../../../../src/streaming/util/SystemClock.js';

// vitest's fake timers stand in for Date.now and setTimeout, so nothing here waits for real.
describe('SystemClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 10_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads Date.now()', () => {
    expect(new SystemClock().getTimeMillis()).toBe(10_000);
  });

  it('waitTillTime resolves once the target time is reached, with the time it reads', async () => {
    const clock = new SystemClock();
    const waiting = clock.waitTillTime(10_500);
    await vi.advanceTimersByTimeAsync(499);
    let isResolved = false;
    void waiting.then(() => {
      isResolved = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(isResolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toBe(10_500);
  });

  it('waitTillTime for a passed time resolves without a timer', async () => {
    const clock = new SystemClock();
    expect(await clock.waitTillTime(9_000)).toBe(10_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('releases its timer when the wait is aborted', async () => {
    const clock = new SystemClock();
    const controller = new AbortController();
    const waiting = clock.waitTillTime(20_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drives a RecurringTimer and releases its timer on stop', async () => {
    const clock = new SystemClock();
    const results: number[] = [];
    const timer = new RecurringTimer(clock, 1000, (t) => void results.push(t), 'system');
    expect(timer.start()).toBe(11_000);
    await vi.advanceTimersByTimeAsync(3000);
    expect(results).toEqual([11_000, 12_000, 13_000]);
    expect(await timer.stop(true)).toBe(13_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
