import { describe, expect, it } from 'vitest';
import { deserialize, registerCheckpointClass, serialize } from '../../../src/checkpoint/serialize.ts';

const roundTrip = <T>(value: T): T => deserialize(serialize(value)) as T;

describe('serialize', () => {
  it('round-trips plain JSON through the fast path', () => {
    const value = { a: [1, 'two', true, null, { b: [] }], c: 'x' };
    const text = serialize(value);
    expect(text.startsWith('J')).toBe(true);
    expect(roundTrip(value)).toEqual(value);
  });

  it('round-trips the numbers JSON cannot hold', () => {
    const out = roundTrip([NaN, Infinity, -Infinity, -0, 0, 1.5]);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(Infinity);
    expect(out[2]).toBe(-Infinity);
    expect(Object.is(out[3], -0)).toBe(true);
    expect(Object.is(out[4], 0)).toBe(true);
    expect(out[5]).toBe(1.5);
  });

  it('round-trips undefined in arrays, objects and at the top', () => {
    expect(roundTrip(undefined)).toBeUndefined();
    const arr = roundTrip([1, undefined, 3]);
    expect(arr).toHaveLength(3);
    expect(arr[1]).toBeUndefined();
    const obj = roundTrip({ a: undefined, b: 1 });
    expect(Object.keys(obj)).toEqual(['a', 'b']);
    // eslint-disable-next-line no-sparse-arrays
    expect(roundTrip([1, , 3])).toEqual([1, undefined, 3]);
  });

  it('round-trips Map, Set, Date, bigint and typed arrays, nested', () => {
    const value = {
      m: new Map<unknown, unknown>([['k', new Set([1n, 2n])], [[1, 2], new Date(5)]]),
      d: new Date(Number.NaN),
      big: 12345678901234567890n,
      bytes: new Uint8Array([1, 2, 255]),
      floats: new Float64Array([NaN, 1]),
    };
    const out = roundTrip(value);
    expect(out.m).toBeInstanceOf(Map);
    expect([...out.m.keys()]).toEqual(['k', [1, 2]]);
    expect(out.m.get('k')).toEqual(new Set([1n, 2n]));
    expect(([...out.m.values()][1] as Date).getTime()).toBe(5);
    expect(Number.isNaN(out.d.getTime())).toBe(true);
    expect(out.big).toBe(12345678901234567890n);
    expect(out.bytes).toEqual(new Uint8Array([1, 2, 255]));
    expect(Number.isNaN(out.floats[0])).toBe(true);
  });

  it('keeps plain objects that have a $ key apart from tags', () => {
    const value = { $: 'u', nested: { $: 'm', v: [] }, other: undefined };
    expect(roundTrip(value)).toEqual(value);
    expect(roundTrip({ $: 'u' })).toEqual({ $: 'u' });
  });

  it('restores registered classes onto their prototype, and drops the prototype of others', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
      norm(): number {
        return Math.hypot(this.x, this.y);
      }
    }
    class Unregistered {
      constructor(readonly v: number) {}
    }
    registerCheckpointClass('Point', Point);
    const out = roundTrip({ p: new Point(3, 4), u: new Unregistered(1) });
    expect(out.p).toBeInstanceOf(Point);
    expect(out.p.norm()).toBe(5);
    expect(out.u).not.toBeInstanceOf(Unregistered);
    expect(out.u).toEqual({ v: 1 });
  });

  it('refuses functions, symbols and cycles with CHECKPOINT_NOT_SERIALIZABLE', () => {
    expect(() => serialize({ f: () => 1 })).toThrow(expect.objectContaining({ code: 'CHECKPOINT_NOT_SERIALIZABLE' }));
    expect(() => serialize([Symbol('s')])).toThrow(expect.objectContaining({ code: 'CHECKPOINT_NOT_SERIALIZABLE' }));
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => serialize(cycle)).toThrow(expect.objectContaining({ code: 'CHECKPOINT_NOT_SERIALIZABLE' }));
  });

  it('names an unregistered class when reading', () => {
    class Later {
      constructor(readonly a: number) {}
    }
    registerCheckpointClass('Later', Later);
    const text = serialize(new Later(1));
    registerCheckpointClass('Other', class {});
    expect(deserialize(text)).toBeInstanceOf(Later);
    const foreign = text.replace('"Later"', '"Missing"');
    expect(() => deserialize(foreign)).toThrow(/'Missing', which is not registered/);
  });

  it('rejects text it did not write with CHECKPOINT_CORRUPT', () => {
    expect(() => deserialize('{"a":1}')).toThrow(expect.objectContaining({ code: 'CHECKPOINT_CORRUPT' }));
  });
});
