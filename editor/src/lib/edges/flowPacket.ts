/**
 * The packet that carries a batch's records along an edge: a short comet that travels once from
 * the source's port to the target's when the batch lands, then rests. It is an HTML element that
 * moves by `transform` and fades by `opacity` only, so the compositor animates it and the page is
 * neither repainted nor laid out for it, as it was every frame for a dash that flowed along the
 * stroke (`stroke-dashoffset`). The trip is short, so that between batches nothing moves.
 */

/** A point in flow coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A packet's way along an edge: keyframes at equal distances apart, so it keeps one speed. */
export interface PacketWay {
  readonly keyframes: Keyframe[];
  /** The edge's length along its curve, in flow px. */
  readonly lengthPx: number;
}

/** The packet's time on an edge: this much per px of it, within `MIN_TRIP_MS`…`MAX_TRIP_MS`. */
const MS_PER_PX = 2;
const MIN_TRIP_MS = 300;
const MAX_TRIP_MS = 500;
/** A trip takes at most this share of the time between batches, so it rests before the next. */
const TRIP_SHARE = 0.5;
/** Curve samples to measure the edge, and keyframes along it. */
const SAMPLES = 48;
const KEYFRAMES = 16;
/** The share of the way over which the packet fades in after the source's port, and out before the target's. */
const FADE = 0.15;

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

/**
 * The cubic Bézier of an edge as Svelte Flow's `getBezierPath` draws it (`M x,y C x,y x,y x,y`):
 * its start, two control points and end; undefined for any other path.
 */
export function parseCubic(path: string): readonly [Point, Point, Point, Point] | undefined {
  if (path.replace(NUMBER, '').replace(/[\s,]/g, '') !== 'MC') return undefined;
  const n = (path.match(NUMBER) ?? []).map(Number);
  if (n.length !== 8 || n.some((v) => !Number.isFinite(v))) return undefined;
  return [
    { x: n[0]!, y: n[1]! },
    { x: n[2]!, y: n[3]! },
    { x: n[4]!, y: n[5]! },
    { x: n[6]!, y: n[7]! },
  ];
}

function pointAt([p0, p1, p2, p3]: readonly [Point, Point, Point, Point], t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

/**
 * The packet's keyframes along `path`: `translate` to the point in flow px and `rotate` to the
 * curve's direction there, at equal distances apart so that linear easing keeps one speed, fading
 * in after the source's port and out before the target's. Undefined if the path is not a cubic Bézier.
 */
export function packetWay(path: string): PacketWay | undefined {
  const cubic = parseCubic(path);
  if (!cubic) return undefined;
  // The distance along the curve at each sample.
  const points: Point[] = [];
  const along: number[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const p = pointAt(cubic, i / SAMPLES);
    along.push(i === 0 ? 0 : along[i - 1]! + Math.hypot(p.x - points[i - 1]!.x, p.y - points[i - 1]!.y));
    points.push(p);
  }
  const lengthPx = along[SAMPLES]!;
  const keyframes: Keyframe[] = [];
  let s = 0;
  let angle: number | undefined;
  for (let k = 0; k <= KEYFRAMES; k++) {
    // The sample segment that holds this keyframe's share of the length.
    const target = (lengthPx * k) / KEYFRAMES;
    while (s < SAMPLES - 1 && along[s + 1]! < target) s++;
    const from = points[s]!;
    const to = points[s + 1]!;
    const span = along[s + 1]! - along[s]!;
    const f = span > 0 ? Math.min(1, Math.max(0, (target - along[s]!) / span)) : 0;
    // The segment's direction, turned the short way from the previous keyframe's.
    let a = span > 0 ? (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI : (angle ?? 0);
    if (angle !== undefined) a -= 360 * Math.round((a - angle) / 360);
    angle = a;
    const offset = k / KEYFRAMES;
    const x = from.x + f * (to.x - from.x);
    const y = from.y + f * (to.y - from.y);
    keyframes.push({
      offset,
      transform: `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) rotate(${a.toFixed(1)}deg)`,
      opacity: Number(Math.min(1, offset / FADE, (1 - offset) / FADE).toFixed(3)),
    });
  }
  return { keyframes, lengthPx };
}

/** How long the packet takes along an edge of `lengthPx`, when batches come `intervalMs` apart. */
export function tripMs(lengthPx: number, intervalMs: number): number {
  return Math.max(MIN_TRIP_MS, Math.min(MAX_TRIP_MS, lengthPx * MS_PER_PX, intervalMs * TRIP_SHARE));
}

/**
 * Each packet's latest trip. Kept here because asking the element (`getAnimations()`) would bring
 * the page's style and layout up to date, in the middle of the frame that applies a batch.
 */
const trips = new WeakMap<Element, Animation>();

/**
 * Sends `packet` along `path` once, unless it is still on its way from the previous batch (at high
 * speed, packets go with every other batch rather than pile up). Returns whether it sent it.
 */
export function sendPacket(packet: Element, path: string, intervalMs: number): boolean {
  const trip = trips.get(packet);
  if (trip && (trip.playState === 'running' || trip.pending)) return false;
  const way = packetWay(path);
  if (!way) return false;
  trips.set(packet, packet.animate(way.keyframes, { duration: tripMs(way.lengthPx, intervalMs), easing: 'linear' }));
  return true;
}

/** Stops the packet where it is (its edge moved). */
export function stopPacket(packet: Element): void {
  trips.get(packet)?.cancel();
  trips.delete(packet);
}
