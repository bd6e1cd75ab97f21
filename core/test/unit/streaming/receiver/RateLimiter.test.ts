/**
 * Spark's `RateLimiterSuite` (limit updates), plus the pacing itself on a `ManualClock`: the
 * slots a reservation gets are exact clock times, so "never above maxRate" is checked exactly.
 */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../src/streaming/receiver/RateLimiter.js';
import { ManualClock } from '../../../../src/streaming/util/ManualClock.js';

describe('RateLimiter', () => {
  it('rate limiter initializes even without a maxRate set', () => {
    const rateLimiter = new RateLimiter(new ManualClock());
    expect(rateLimiter.getCurrentLimit()).toBe(Number.POSITIVE_INFINITY);
    rateLimiter.updateRate(105);
    expect(rateLimiter.getCurrentLimit()).toBe(105);
  });

  it('rate limiter updates when below maxRate', () => {
    const rateLimiter = new RateLimiter(new ManualClock(), 110);
    rateLimiter.updateRate(105);
    expect(rateLimiter.getCurrentLimit()).toBe(105);
  });

  it('rate limiter stays below maxRate despite large updates', () => {
    const rateLimiter = new RateLimiter(new ManualClock(), 100);
    rateLimiter.updateRate(105);
    expect(rateLimiter.getCurrentLimit()).toBe(100);
  });

  it('rate limiter does not update on receiving an update of 0', () => {
    const rateLimiter = new RateLimiter(new ManualClock(), 100);
    rateLimiter.updateRate(0);
    rateLimiter.updateRate(-5);
    expect(rateLimiter.getCurrentLimit()).toBe(100);
  });

  it('starts at the initial rate, capped by maxRate', () => {
    expect(new RateLimiter(new ManualClock(), 100, 50).getCurrentLimit()).toBe(50);
    expect(new RateLimiter(new ManualClock(), 100, 500).getCurrentLimit()).toBe(100);
    expect(new RateLimiter(new ManualClock(), Number.POSITIVE_INFINITY, 500).getCurrentLimit()).toBe(500);
  });

  it('hands out slots 1000/rate ms apart, so records never come faster than maxRate', () => {
    const limiter = new RateLimiter(new ManualClock(), 100);
    expect(Array.from({ length: 5 }, () => limiter.reserve(1))).toEqual([0, 10, 20, 30, 40]);
  });

  it('a request for n records pays for them afterwards, as Guava does', () => {
    const limiter = new RateLimiter(new ManualClock(), 100);
    expect(limiter.reserve(50)).toBe(0); // at once
    expect(limiter.reserve(1)).toBe(500); // after the 50 slots
    expect(limiter.reserve(1)).toBe(510);
  });

  it('slots that fall between milliseconds are rounded up, never down', () => {
    const limiter = new RateLimiter(new ManualClock(), 3);
    expect(Array.from({ length: 4 }, () => limiter.reserve(1))).toEqual([0, 334, 667, 1000]);
  });

  it('keeps at most one second of unused slots after the source was idle', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 100);
    limiter.reserve(1);
    await clock.advance(5000);
    const slots = Array.from({ length: 103 }, () => limiter.reserve(1));
    // 100 slots of the last second plus the one at "now" pass at once; then one every 10 ms.
    expect(slots.filter((at) => at <= 5000)).toHaveLength(101);
    expect(slots.slice(101)).toEqual([5010, 5020]);
  });

  it('a new rate applies to the next reservation', () => {
    const limiter = new RateLimiter(new ManualClock(), Number.POSITIVE_INFINITY, 100);
    expect([limiter.reserve(1), limiter.reserve(1)]).toEqual([0, 10]);
    limiter.updateRate(10);
    expect([limiter.reserve(1), limiter.reserve(1)]).toEqual([20, 120]);
  });

  it('with no limit, every reservation passes at once', async () => {
    const clock = new ManualClock(7);
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 1000; i++) expect(limiter.reserve(1000)).toBe(7);
    expect(clock.waiterCount).toBe(0);
  });
});
