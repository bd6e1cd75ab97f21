import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { Duration } from '../../../src/streaming/Duration.js';
import { Interval } from '../../../src/streaming/Interval.js';
import { Time } from '../../../src/streaming/Time.js';
import { ManualClock } from '../../../src/streaming/util/ManualClock.js';

const d = (ms: number): Duration => new Duration(ms);

describe('Interval', () => {
  it('is built from Times or from millisecond counts', () => {
    const a = new Interval(new Time(1000), new Time(3000));
    const b = new Interval(1000, 3000);
    expect(a.equals(b)).toBe(true);
    expect(b.beginTime).toEqual(new Time(1000));
    expect(b.endTime).toEqual(new Time(3000));
  });

  it('duration', () => {
    expect(new Interval(1000, 3000).duration()).toEqual(d(2000));
    expect(new Interval(1000, 1000).duration()).toEqual(d(0));
  });

  it('isZero', () => {
    expect(new Interval(1000, 1000).isZero).toBe(true);
    expect(new Interval(1000, 1001).isZero).toBe(false);
  });

  it('plus and minus shift both ends', () => {
    expect(new Interval(1000, 3000).plus(d(500))).toEqual(new Interval(1500, 3500));
    expect(new Interval(1000, 3000).minus(d(1000))).toEqual(new Interval(0, 2000));
  });

  it('compares intervals of the same duration by their end', () => {
    const early = new Interval(0, 1000);
    const late = new Interval(1000, 2000);
    expect(early.less(late)).toBe(true);
    expect(late.less(early)).toBe(false);
    expect(early.lessEq(early)).toBe(true);
    expect(late.greater(early)).toBe(true);
    expect(early.greater(early)).toBe(false);
    expect(early.greaterEq(new Interval(0, 1000))).toBe(true);
  });

  it('rejects comparing intervals of different durations', () => {
    const short = new Interval(0, 1000);
    const long = new Interval(0, 2000);
    expect(() => short.less(long)).toThrow(ValidationError);
    expect(() => short.greaterEq(long)).toThrow(/same duration/);
  });

  it('rejects an end before the begin', () => {
    expect(() => new Interval(2000, 1000)).toThrow(
      expect.objectContaining({ name: 'ValidationError', code: 'INVALID_ARGUMENT' }),
    );
  });

  it('toString prints as Spark does', () => {
    expect(new Interval(1000, 2000).toString()).toBe('[1000 ms, 2000 ms]');
  });

  it('currentInterval is the aligned interval around the clock time', () => {
    const clock = new ManualClock(2500);
    expect(Interval.currentInterval(d(1000), clock)).toEqual(new Interval(2000, 3000));
    expect(Interval.currentInterval(d(500), new ManualClock(2500))).toEqual(new Interval(2500, 3000));
  });
});
