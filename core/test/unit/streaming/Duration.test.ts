import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { Duration, Milliseconds, Minutes, Seconds } from '../../../src/streaming/Duration.js';

const d = (ms: number): Duration => new Duration(ms);

describe('Duration', () => {
  it('less', () => {
    expect(d(999).less(d(1000))).toBe(true);
    expect(d(0).less(d(1))).toBe(true);
    expect(d(1000).less(d(999))).toBe(false);
    expect(d(1000).less(d(1000))).toBe(false);
  });

  it('lessEq', () => {
    expect(d(999).lessEq(d(1000))).toBe(true);
    expect(d(0).lessEq(d(1))).toBe(true);
    expect(d(1000).lessEq(d(999))).toBe(false);
    expect(d(1000).lessEq(d(1000))).toBe(true);
  });

  it('greater', () => {
    expect(d(999).greater(d(1000))).toBe(false);
    expect(d(0).greater(d(1))).toBe(false);
    expect(d(1000).greater(d(999))).toBe(true);
    expect(d(1000).greater(d(1000))).toBe(false);
  });

  it('greaterEq', () => {
    expect(d(999).greaterEq(d(1000))).toBe(false);
    expect(d(0).greaterEq(d(1))).toBe(false);
    expect(d(1000).greaterEq(d(999))).toBe(true);
    expect(d(1000).greaterEq(d(1000))).toBe(true);
  });

  it('plus', () => {
    expect(d(1000).plus(d(100))).toEqual(d(1100));
    expect(d(1000).plus(d(0))).toEqual(d(1000));
  });

  it('minus', () => {
    expect(d(1000).minus(d(100))).toEqual(d(900));
    expect(d(1000).minus(d(0))).toEqual(d(1000));
  });

  it('times', () => {
    expect(d(100).times(2)).toEqual(d(200));
    expect(d(100).times(1)).toEqual(d(100));
    expect(d(100).times(0)).toEqual(d(0));
    expect(d(100).times(1.5)).toEqual(d(150));
  });

  it('div', () => {
    expect(d(1000).div(d(5))).toBe(200);
    expect(d(1000).div(d(1))).toBe(1000);
    expect(d(1000).div(d(1000))).toBe(1);
    expect(d(1000).div(d(2000))).toBe(0.5);
  });

  it('isMultipleOf', () => {
    expect(d(1000).isMultipleOf(d(5))).toBe(true);
    expect(d(1000).isMultipleOf(d(1000))).toBe(true);
    expect(d(1000).isMultipleOf(d(1))).toBe(true);
    expect(d(1000).isMultipleOf(d(6))).toBe(false);
    expect(d(0).isMultipleOf(d(0))).toBe(true);
    expect(d(1000).isMultipleOf(d(0))).toBe(false);
  });

  it('min', () => {
    expect(d(999).min(d(1000))).toEqual(d(999));
    expect(d(1000).min(d(999))).toEqual(d(999));
    expect(d(1000).min(d(1000))).toEqual(d(1000));
  });

  it('max', () => {
    expect(d(999).max(d(1000))).toEqual(d(1000));
    expect(d(1000).max(d(999))).toEqual(d(1000));
    expect(d(1000).max(d(1000))).toEqual(d(1000));
  });

  it('isZero', () => {
    expect(d(0).isZero).toBe(true);
    expect(d(1).isZero).toBe(false);
  });

  it('equals', () => {
    expect(d(1000).equals(d(1000))).toBe(true);
    expect(d(1000).equals(d(999))).toBe(false);
  });

  it('toString and toFormattedString print as Spark does', () => {
    expect(d(1000).toString()).toBe('1000 ms');
    expect(`${d(0)}`).toBe('0 ms');
    expect(d(1500).toFormattedString()).toBe('1500');
  });

  it('prettyPrint', () => {
    expect(d(35).prettyPrint()).toBe('35 ms');
    expect(d(1500).prettyPrint()).toBe('1.5 s');
    expect(d(120_000).prettyPrint()).toBe('2.0 m');
    expect(d(4_500_000).prettyPrint()).toBe('1.25 h');
  });

  it('factories build the same durations', () => {
    expect(Milliseconds(250).milliseconds).toBe(250);
    expect(Seconds(2)).toEqual(d(2000));
    expect(Seconds(0.5)).toEqual(d(500));
    expect(Seconds(1.1)).toEqual(d(1100));
    expect(Minutes(1)).toEqual(d(60_000));
    expect(Minutes(0.5)).toEqual(d(30_000));
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('rejects a %s millisecond count', (_, ms) => {
    expect(() => Milliseconds(ms)).toThrow(ValidationError);
    expect(() => new Duration(ms)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('rejects a factory value that is not a whole number of ms', () => {
    expect(() => Seconds(0.0005)).toThrow(ValidationError);
    expect(() => Seconds(-1)).toThrow(ValidationError);
    expect(() => Minutes(Number.NaN)).toThrow(ValidationError);
  });

  it('rejects arithmetic that leaves the valid range', () => {
    expect(() => d(100).minus(d(200))).toThrow(
      expect.objectContaining({ name: 'ValidationError', code: 'INVALID_ARGUMENT' }),
    );
    expect(() => d(100).minus(d(200))).toThrow(/100 ms minus 200 ms is negative/);
    expect(() => d(100).times(-1)).toThrow(ValidationError);
    expect(() => d(3).times(0.5)).toThrow(ValidationError);
  });
});
