import { describe, expect, it } from 'vitest';
import { IllegalStateError, ValidationError } from '../../../../src/errors.js';
import { ManualClock } from '../../../../src/streaming/util/ManualClock.js';
import { RecurringTimer } from '../../../../src/streaming/util/RecurringTimer.js';

async function microtasks(turns = 200): Promise<void> {
  for (let i = 0; i < turns; i++) await undefined;
}

function recordingTimer(clock: ManualClock, periodMs = 100): { timer: RecurringTimer; results: number[] } {
  const results: number[] = [];
  const timer = new RecurringTimer(clock, periodMs, (time) => {
    results.push(time);
  }, 'RecurringTimerSuite');
  return { timer, results };
}

describe('RecurringTimer', () => {
  it('basic', async () => {
    const clock = new ManualClock();
    const { timer, results } = recordingTimer(clock);
    timer.start(0);
    await clock.whenIdle();
    expect(results).toEqual([0]);
    await clock.advance(100);
    expect(results).toEqual([0, 100]);
    await clock.advance(200);
    expect(results).toEqual([0, 100, 200, 300]);
    expect(await timer.stop(true)).toBe(300);
  });

  it("SPARK-10224: call 'callback' after stopping", async () => {
    const clock = new ManualClock();
    const { timer, results } = recordingTimer(clock);
    timer.start(0);
    await clock.whenIdle();
    expect(results).toEqual([0]);
    // The timer now waits for 100; stop(false) promises one more callback after that one.
    const stopping = timer.stop(false);
    expect(timer.isStopped).toBe(true);
    await clock.advance(200);
    expect(results).toEqual([0, 100, 200]);
    expect(await stopping).toBe(200);
  });

  it('makes one callback per period when the clock jumps several periods', async () => {
    const clock = new ManualClock();
    const { timer, results } = recordingTimer(clock);
    expect(timer.start()).toBe(100);
    await clock.advance(3 * 100);
    expect(results).toEqual([100, 200, 300]);
    await clock.advance(50);
    expect(results).toEqual([100, 200, 300]);
    await clock.advance(50);
    expect(results).toEqual([100, 200, 300, 400]);
    await timer.stop(true);
  });

  it("awaits each callback's promise before the next period and before advance settles", async () => {
    const clock = new ManualClock();
    const log: string[] = [];
    const releases: Array<() => void> = [];
    const timer = new RecurringTimer(clock, 100, async (time) => {
      log.push(`start ${time}`);
      await new Promise<void>((resolve) => releases.push(resolve));
      log.push(`end ${time}`);
    }, 'slow');
    timer.start();
    let isSettled = false;
    const advancing = clock.advance(300).then(() => {
      isSettled = true;
    });
    await microtasks();
    expect(log).toEqual(['start 100']);
    releases.shift()!();
    await microtasks();
    expect(log).toEqual(['start 100', 'end 100', 'start 200']);
    expect(isSettled).toBe(false);
    releases.shift()!();
    await microtasks();
    releases.shift()!();
    await advancing;
    expect(log).toEqual(['start 100', 'end 100', 'start 200', 'end 200', 'start 300', 'end 300']);
    expect(await timer.stop(true)).toBe(300);
  });

  it('interleaves timers by time when one advance covers both', async () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const fast = new RecurringTimer(clock, 100, (t) => void fired.push(`fast ${t}`), 'fast');
    const slow = new RecurringTimer(clock, 250, (t) => void fired.push(`slow ${t}`), 'slow');
    fast.start();
    slow.start();
    await clock.advance(500);
    expect(fired).toEqual([
      'fast 100', 'fast 200', 'slow 250', 'fast 300', 'fast 400', 'slow 500', 'fast 500',
    ]);
    await Promise.all([fast.stop(true), slow.stop(true)]);
  });

  it('getStartTime is the next multiple of the period after now', () => {
    const clock = new ManualClock(250);
    const { timer } = recordingTimer(clock);
    expect(timer.getStartTime()).toBe(300);
    expect(recordingTimer(new ManualClock(300)).timer.getStartTime()).toBe(400);
    expect(recordingTimer(new ManualClock(0)).timer.getStartTime()).toBe(100);
  });

  it('getRestartTime keeps the phase of the original start time', () => {
    const { timer } = recordingTimer(new ManualClock(250));
    expect(timer.getRestartTime(50)).toBe(350);
    expect(timer.getRestartTime(0)).toBe(300);
    expect(timer.getRestartTime(250)).toBe(350);
  });

  it('stop before start returns -1', async () => {
    const { timer } = recordingTimer(new ManualClock());
    expect(await timer.stop(false)).toBe(-1);
    expect(timer.isStopped).toBe(true);
  });

  it('releases its clock wait when stopped with interrupt', async () => {
    const clock = new ManualClock();
    const { timer, results } = recordingTimer(clock);
    timer.start();
    expect(clock.waiterCount).toBe(1);
    expect(await timer.stop(true)).toBe(-1);
    expect(clock.waiterCount).toBe(0);
    await clock.advance(1000);
    expect(results).toEqual([]);
  });

  it('stop with interrupt lets a running callback finish and makes no more', async () => {
    const clock = new ManualClock();
    const results: number[] = [];
    let release!: () => void;
    const timer = new RecurringTimer(clock, 100, async (time) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      results.push(time);
    }, 'interrupted');
    timer.start();
    const advancing = clock.advance(300);
    await microtasks();
    const stopping = timer.stop(true);
    release();
    expect(await stopping).toBe(100);
    await advancing;
    expect(results).toEqual([100]);
    expect(clock.waiterCount).toBe(0);
  });

  it('a failing callback stops the timer and stop() rethrows the error', async () => {
    const clock = new ManualClock();
    const timer = new RecurringTimer(clock, 100, (time) => {
      if (time === 200) throw new Error('callback failed');
    }, 'failing');
    timer.start();
    const stopped = clock.advance(500).then(() => timer.stop(false));
    await expect(stopped).rejects.toThrow('callback failed');
    expect(timer.isStopped).toBe(true);
    expect(clock.waiterCount).toBe(0);
  });

  it('cannot be started twice', () => {
    const { timer } = recordingTimer(new ManualClock());
    timer.start();
    expect(() => timer.start()).toThrow(IllegalStateError);
    expect(() => timer.start()).toThrow(expect.objectContaining({ code: 'TIMER_ALREADY_STARTED' }));
    void timer.stop(true);
  });

  it('rejects a period that is not a positive whole number of ms', () => {
    const clock = new ManualClock();
    for (const period of [0, -100, 1.5, Number.NaN]) {
      expect(() => new RecurringTimer(clock, period, () => {}, 'bad')).toThrow(ValidationError);
    }
  });
});
