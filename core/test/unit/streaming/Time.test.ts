import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { Duration } from '../../../src/streaming/Duration.js';
import { Time } from '../../../src/streaming/Time.js';

const t = (ms: number): Time => new Time(ms);
const d = (ms: number): Duration => new Duration(ms);

describe('Time', () => {
  it('less', () => {
    expect(t(999).less(t(1000))).toBe(true);
    expect(t(0).less(t(1))).toBe(true);
    expect(t(1000).less(t(999))).toBe(false);
    expect(t(1000).less(t(1000))).toBe(false);
  });

  it('lessEq', () => {
    expect(t(999).lessEq(t(1000))).toBe(true);
    expect(t(0).lessEq(t(1))).toBe(true);
    expect(t(1000).lessEq(t(999))).toBe(false);
    expect(t(1000).lessEq(t(1000))).toBe(true);
  });

  it('greater', () => {
    expect(t(999).greater(t(1000))).toBe(false);
    expect(t(0).greater(t(1))).toBe(false);
    expect(t(1000).greater(t(999))).toBe(true);
    expect(t(1000).greater(t(1000))).toBe(false);
  });

  it('greaterEq', () => {
    expect(t(999).greaterEq(t(1000))).toBe(false);
    expect(t(0).greaterEq(t(1))).toBe(false);
    expect(t(1000).greaterEq(t(999))).toBe(true);
    expect(t(1000).greaterEq(t(1000))).toBe(true);
  });

  it('plus', () => {
    expect(t(1000).plus(d(100))).toEqual(t(1100));
    expect(t(1000).plus(d(0))).toEqual(t(1000));
  });

  it('minus Time', () => {
    expect(t(1000).minus(t(100))).toEqual(d(900));
    expect(t(1000).minus(t(0))).toEqual(d(1000));
    expect(t(1000).minus(t(1000))).toEqual(d(0));
    expect(t(1000).minus(t(100))).toBeInstanceOf(Duration);
  });

  it('minus Duration', () => {
    expect(t(1000).minus(d(100))).toEqual(t(900));
    expect(t(1000).minus(d(0))).toEqual(t(1000));
    expect(t(1000).minus(d(1000))).toEqual(t(0));
    expect(t(1000).minus(d(100))).toBeInstanceOf(Time);
  });

  it('minus Duration may go before zero, as window arithmetic does', () => {
    expect(t(1000).minus(d(3000)).plus(d(1000))).toEqual(t(-1000));
  });

  it('floor', () => {
    expect(t(1350).floor(d(200))).toEqual(t(1200));
    expect(t(1200).floor(d(200))).toEqual(t(1200));
    expect(t(199).floor(d(200))).toEqual(t(0));
    expect(t(1).floor(d(1))).toEqual(t(1));
  });

  it('floor with zeroTime', () => {
    expect(t(1350).floor(d(200), t(50))).toEqual(t(1250));
    expect(t(1250).floor(d(200), t(50))).toEqual(t(1250));
    expect(t(49).floor(d(200), t(50))).toEqual(t(-150));
  });

  it('isMultipleOf', () => {
    expect(t(1000).isMultipleOf(d(5))).toBe(true);
    expect(t(1000).isMultipleOf(d(1000))).toBe(true);
    expect(t(1000).isMultipleOf(d(1))).toBe(true);
    expect(t(1000).isMultipleOf(d(6))).toBe(false);
  });

  it('min', () => {
    expect(t(999).min(t(1000))).toEqual(t(999));
    expect(t(1000).min(t(999))).toEqual(t(999));
    expect(t(1000).min(t(1000))).toEqual(t(1000));
  });

  it('max', () => {
    expect(t(999).max(t(1000))).toEqual(t(1000));
    expect(t(1000).max(t(999))).toEqual(t(1000));
    expect(t(1000).max(t(1000))).toEqual(t(1000));
  });

  it('until', () => {
    expect(t(1000).until(t(1100), d(100))).toEqual([t(1000)]);
    expect(t(1000).until(t(1000), d(100))).toEqual([]);
    expect(t(1000).until(t(1100), d(30))).toEqual([t(1000), t(1030), t(1060), t(1090)]);
  });

  it('to', () => {
    expect(t(1000).to(t(1100), d(100))).toEqual([t(1000), t(1100)]);
    expect(t(1000).to(t(1000), d(100))).toEqual([t(1000)]);
    expect(t(1000).to(t(1100), d(30))).toEqual([t(1000), t(1030), t(1060), t(1090)]);
  });

  it('equals and compare', () => {
    expect(t(1000).equals(t(1000))).toBe(true);
    expect(t(1000).equals(t(1001))).toBe(false);
    expect([t(3000), t(1000), t(2000)].sort(Time.compare)).toEqual([t(1000), t(2000), t(3000)]);
  });

  it('toString prints as Spark does', () => {
    expect(t(1000).toString()).toBe('1000 ms');
    expect(`Time: ${t(2000)}`).toBe('Time: 2000 ms');
  });

  it('rejects a Time that is not a whole number of ms', () => {
    expect(() => t(1.5)).toThrow(ValidationError);
    expect(() => t(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('rejects a negative Time difference', () => {
    expect(() => t(100).minus(t(200))).toThrow(ValidationError);
  });

  it('rejects a zero step', () => {
    expect(() => t(0).until(t(100), d(0))).toThrow(ValidationError);
    expect(() => t(0).to(t(100), d(0))).toThrow(ValidationError);
    expect(() => t(100).floor(d(0))).toThrow(ValidationError);
  });
});
