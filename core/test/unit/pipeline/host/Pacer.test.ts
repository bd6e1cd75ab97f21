import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors.ts';
import { Pacer } from '../../../../src/pipeline/host/Pacer.ts';
import { FakeTimer } from './FakeTimer.ts';

/** A pacer whose batches take `costMs` of fake time each; records when each was due and started. */
function pacer(timer: FakeTimer, costMs = 0) {
  const runs: { dueAt: number; startedAt: number }[] = [];
  const p = new Pacer(timer, 1000, async (dueAt) => {
    runs.push({ dueAt, startedAt: timer.now() });
    if (costMs > 0) await new Promise<void>((resolve) => timer.setTimeout(resolve, costMs));
  });
  return { p, runs };
}

describe('Pacer', () => {
  it('runs one batch per interval of real time', async () => {
    const timer = new FakeTimer();
    const { p, runs } = pacer(timer);
    p.start();
    await timer.advance(3500);
    expect(runs.map((r) => r.startedAt)).toEqual([1000, 2000, 3000]);
  });

  it('runs batches speed times as often', async () => {
    const timer = new FakeTimer();
    const { p, runs } = pacer(timer);
    p.setSpeed(4);
    p.start();
    await timer.advance(1000);
    expect(runs.map((r) => r.startedAt)).toEqual([250, 500, 750, 1000]);
    p.setSpeed(0.5);
    await timer.advance(4000);
    expect(runs.map((r) => r.startedAt).slice(4)).toEqual([3000, 5000]);
  });

  it('never overlaps batches, and a slow batch makes the next ones late, as the scheduling delay does', async () => {
    const timer = new FakeTimer();
    const { p, runs } = pacer(timer, 1500);
    p.start();
    await timer.advance(5000);
    expect(runs.map((r) => r.startedAt - r.dueAt)).toEqual([0, 500, 1000]);
  });

  it('pause waits for the batch in flight and runs no more', async () => {
    const timer = new FakeTimer();
    const { p, runs } = pacer(timer, 300);
    p.start();
    await timer.advance(1100);
    const paused = p.pause();
    await timer.advance(200);
    await paused;
    await timer.advance(5000);
    expect(runs).toHaveLength(1);
    expect(timer.pending).toBe(0);
  });

  it('rejects speeds outside 0.25 to 4', () => {
    const { p } = pacer(new FakeTimer());
    for (const bad of [0, 0.1, 5, Number.NaN]) {
      expect(() => p.setSpeed(bad)).toThrow(ValidationError);
    }
  });
});
