/**
 * Spark's `PIDRateEstimatorSuite`, with its expected numbers, plus the default gains checked by hand.
 * Spark's random inputs come from a seeded generator here, so every run checks the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../../src/errors.js';
import { PIDRateEstimator } from '../../../../../src/streaming/scheduler/rate/PIDRateEstimator.js';
import { createRateEstimator } from '../../../../../src/streaming/scheduler/rate/RateEstimator.js';

function createDefaultEstimator(): PIDRateEstimator {
  return new PIDRateEstimator(20, 1, 0, 0, 10);
}

/** Runs the estimator over parallel lists of batch updates. */
function run(p: PIDRateEstimator, times: number[], elements: number[], proc: number[], sched: number[]): (number | undefined)[] {
  return times.map((time, i) => p.compute(time, elements[i]!, proc[i]!, sched[i]!));
}

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

/** A small deterministic generator (mulberry32), standing in for Spark's `Random`. */
function seeded(seed: number): (bound: number) => number {
  let a = seed;
  return (bound) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * bound);
  };
}

describe('PIDRateEstimator', () => {
  it('the right estimator is created', () => {
    const pid = createRateEstimator(1000);
    expect(pid).toBeInstanceOf(PIDRateEstimator);
    const p = pid as PIDRateEstimator;
    expect([p.proportional, p.integral, p.derivative, p.minRate]).toEqual([1.0, 0.2, 0.0, 100]);
    const custom = createRateEstimator(1000, { proportional: 0.5, minRate: 5 }) as PIDRateEstimator;
    expect([custom.proportional, custom.integral, custom.derivative, custom.minRate]).toEqual([0.5, 0.2, 0.0, 5]);
  });

  it('estimator checks ranges', () => {
    const bad = [
      () => new PIDRateEstimator(0, 1, 2, 3, 10),
      () => new PIDRateEstimator(100, -1, 2, 3, 10),
      () => new PIDRateEstimator(100, 0, -1, 3, 10),
      () => new PIDRateEstimator(100, 0, 0, -1, 10),
      () => new PIDRateEstimator(100, 0, 0, 0, 0),
      () => new PIDRateEstimator(100, 0, 0, 0, -10),
      () => new PIDRateEstimator(100, Number.NaN, 0, 0, 10),
    ];
    for (const create of bad) {
      expect(create).toThrow(ValidationError);
      try {
        create();
      } catch (error) {
        expect((error as ValidationError).code).toBe('INVALID_ARGUMENT');
        expect((error as ValidationError).message).toMatch(/^PIDRateEstimator: .* should be|is invalid/);
      }
    }
  });

  it('first estimate is None', () => {
    expect(createDefaultEstimator().compute(0, 10, 10, 0)).toBeUndefined();
  });

  it('second estimate is not None', () => {
    const p = createDefaultEstimator();
    p.compute(0, 10, 10, 0);
    // 1000 elements / s
    expect(p.compute(10, 10, 10, 0)).toBe(1000);
  });

  it('no estimate when no time difference between successive calls', () => {
    const p = createDefaultEstimator();
    p.compute(0, 10, 10, 0);
    expect(p.compute(10, 10, 10, 0)).not.toBeUndefined();
    expect(p.compute(10, 10, 10, 0)).toBeUndefined();
  });

  it('no estimate when no records in previous batch', () => {
    const p = createDefaultEstimator();
    p.compute(0, 10, 10, 0);
    expect(p.compute(10, 0, 10, 0)).toBeUndefined();
    expect(p.compute(20, -10, 10, 0)).toBeUndefined();
  });

  it('no estimate when there is no processing delay', () => {
    const p = createDefaultEstimator();
    p.compute(0, 10, 10, 0);
    expect(p.compute(10, 10, 0, 0)).toBeUndefined();
    expect(p.compute(20, 10, -10, 0)).toBeUndefined();
  });

  it('estimate is never less than min rate', () => {
    const minRate = 5;
    const p = new PIDRateEstimator(20, 1, 1, 0, minRate);
    // one update every 20 ms, 1 record, 20 ms of processing, always 100 ms of scheduling delay
    const res = run(p, range(50, (x) => x * 20), range(50, () => 1), range(50, () => 20), range(50, () => 100));
    expect(res[0]).toBeUndefined();
    expect(res.slice(1)).toEqual(range(49, () => minRate));
  });

  it('with no accumulated or positive error, |I| > 0, follow the processing speed', () => {
    const p = new PIDRateEstimator(20, 1, 1, 0, 10);
    // increasing records, constant processing time, no scheduling delay: only the proportional term acts
    const res = run(p, range(50, (x) => x * 20), range(50, (x) => (x + 1) * 20), range(50, () => 20), range(50, () => 0));
    expect(res[0]).toBeUndefined();
    expect(res.slice(1)).toEqual(range(50, (x) => (x + 1) * 1000).slice(1));
  });

  it('with no accumulated but some positive error, |I| > 0, follow the processing speed', () => {
    const p = new PIDRateEstimator(20, 1, 1, 0, 10);
    const res = run(p, range(50, (x) => x * 20), range(50, (x) => (50 - x) * 20), range(50, () => 20), range(50, () => 0));
    expect(res[0]).toBeUndefined();
    expect(res.slice(1)).toEqual(range(50, (x) => (50 - x) * 1000).slice(1));
  });

  it('with some accumulated and some positive error, |I| > 0, stay below the processing speed', () => {
    const p = new PIDRateEstimator(20, 1, 0.01, 0, 10);
    const random = seeded(42);
    const elements = range(50, () => random(1000));
    const procDelayMs = 20;
    const sched = range(50, () => random(19));
    const speeds = elements.map((x) => (x / procDelayMs) * 1000);
    const res = run(p, range(50, (x) => x * 20), elements, range(50, () => procDelayMs), sched);
    expect(res[0]).toBeUndefined();
    for (let n = 1; n < 50; n++) {
      if (elements[n]! === 0) continue; // a batch without records gives no estimate
      expect(res[n]).not.toBeUndefined();
      if (res[n]! > 0 && sched[n]! > 0) expect(res[n]!).toBeLessThan(speeds[n]!);
    }
  });

  it('uses Spark default gains: P·error plus I·(scheduling delay × processing rate / batch)', () => {
    const p = createRateEstimator(1000) as PIDRateEstimator;
    // First batch: 1600 records in 3200 ms sets latestRate = 500 records/s, no estimate.
    expect(p.compute(4200, 1600, 3200, 0)).toBeUndefined();
    // error = 500 − 500 = 0; historicalError = 2200 × 500 / 1000 = 1100; 500 − 0.2 × 1100 = 280.
    expect(p.compute(8200, 2000, 4000, 2200)).toBeCloseTo(280, 9);
    // processingRate 2000/4000 s = 500: error = 280 − 500 = −220; historical = 1000 × 500 / 1000 = 500;
    // 280 + 220 − 0.2 × 500 = 400.
    expect(p.compute(12200, 2000, 4000, 1000)).toBeCloseTo(400, 9);
  });
});
