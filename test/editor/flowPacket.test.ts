/**
 * The way of the packet that carries a batch along an edge (`flowPacket.ts`), without a browser:
 * the edge's curve read from Svelte Flow's path, keyframes at one speed along it, and trip times.
 */
import { describe, expect, it } from 'vitest';
import { packetWay, parseCubic, tripMs } from '../../editor/src/lib/edges/flowPacket.ts';

/** The translate and rotate of a keyframe's transform. */
function place(keyframe: Keyframe): { x: number; y: number; angle: number } {
  const [, x, y, angle] = /^translate\(([-\d.]+)px, ([-\d.]+)px\) rotate\(([-\d.]+)deg\)$/.exec(String(keyframe.transform)) ?? [];
  return { x: Number(x), y: Number(y), angle: Number(angle) };
}

/** What Svelte Flow's `getBezierPath` draws from a right-hand port at (0, 0) to a left-hand one at (300, 120). */
const edge = 'M0,0 C150,0 150,120 300,120';

describe('parseCubic', () => {
  it('reads the start, control points and end of a bezier edge', () => {
    expect(parseCubic(edge)).toEqual([
      { x: 0, y: 0 },
      { x: 150, y: 0 },
      { x: 150, y: 120 },
      { x: 300, y: 120 },
    ]);
    expect(parseCubic('M1.5,-2 C3e1,4 5,6 7,8')?.[1]).toEqual({ x: 30, y: 4 });
  });

  it('refuses any other path', () => {
    expect(parseCubic('M0,0 L10,10')).toBeUndefined();
    expect(parseCubic('M0,0 C1,1 2,2')).toBeUndefined();
    expect(parseCubic('M0,0 C1,1 2,2 3,3 C4,4 5,5 6,6')).toBeUndefined();
  });
});

describe('packetWay', () => {
  it('goes from the source to the target at one speed, fading in and out', () => {
    const way = packetWay(edge)!;
    const places = way.keyframes.map(place);
    expect(places[0]).toMatchObject({ x: 0, y: 0 });
    expect(places.at(-1)).toMatchObject({ x: 300, y: 120 });
    expect(way.keyframes.map((k) => k.offset)).toEqual(way.keyframes.map((_, i) => i / (way.keyframes.length - 1)));
    // Equal steps along the curve: each a sixteenth of its length (the chord is a little shorter).
    const steps = places.slice(1).map((p, i) => Math.hypot(p.x - places[i]!.x, p.y - places[i]!.y));
    for (const step of steps) expect(step).toBeCloseTo(way.lengthPx / steps.length, 0);
    expect(way.lengthPx).toBeGreaterThan(Math.hypot(300, 120));
    expect(way.keyframes[0]!.opacity).toBe(0);
    expect(way.keyframes[8]!.opacity).toBe(1);
    expect(way.keyframes.at(-1)!.opacity).toBe(0);
  });

  it('turns with the curve, the short way round', () => {
    const angles = packetWay(edge)!.keyframes.map((k) => place(k).angle);
    expect(Math.abs(angles[0]!)).toBeLessThan(3); // leaving the source's port to the right
    expect(angles[8]).toBeGreaterThan(30); // heading down in the middle
    expect(Math.abs(angles.at(-1)!)).toBeLessThan(3); // entering the target's port from the left
    // An edge that loops back (target left of its source) turns through 180° without a jump.
    const turns = packetWay('M300,0 C400,0 -100,200 0,200')!.keyframes.map((k) => place(k).angle);
    for (let i = 1; i < turns.length; i++) expect(Math.abs(turns[i]! - turns[i - 1]!)).toBeLessThan(180);
    expect(Math.max(...turns.map(Math.abs))).toBeGreaterThan(90);
  });

  it('is undefined for a path that is not a bezier', () => {
    expect(packetWay('M0,0 L10,10')).toBeUndefined();
  });
});

describe('tripMs', () => {
  it('is longer for longer edges, within bounds, and rests before the next batch', () => {
    expect(tripMs(50, 1000)).toBe(300);
    expect(tripMs(200, 1000)).toBe(400);
    expect(tripMs(2000, 1000)).toBe(500);
    expect(tripMs(2000, 800)).toBe(400); // half the time between batches
    expect(tripMs(2000, 250)).toBe(300); // at 4×, never shorter than this
  });
});
