/**
 * The time window a write-ahead-log record is filed under, by its batch time: windows of
 * `windowMs` aligned to 0, named `log-<start>-<end>` like Spark's rolling log files. `clean`
 * drops a whole window once its end is at or below the threshold.
 *
 *   time:      0 ──────── 60000 ──────── 120000 ───────
 *   segment:   log-0-60000 │ log-60000-120000 │ …       (windowMs = 60000)
 *   clean(125000) drops the first two; clean(119999) only the first.
 *
 * A log never appends to a segment an earlier writer left (its tail may be torn): it starts the
 * window's next incarnation, `log-<start>-<end>.1`, `.2`, …, which sorts after it.
 */
export interface WriteAheadLogSegment {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly incarnation: number;
}

/** The first incarnation of the window that holds `time`. */
export function segmentFor(time: number, windowMs: number): WriteAheadLogSegment {
  const start = Math.floor(time / windowMs) * windowMs;
  return { name: `log-${start}-${start + windowMs}`, start, end: start + windowMs, incarnation: 0 };
}

/** Incarnation `incarnation` of `segment`'s window. */
export function incarnationOf(segment: WriteAheadLogSegment, incarnation: number): WriteAheadLogSegment {
  const name = `log-${segment.start}-${segment.end}${incarnation === 0 ? '' : `.${incarnation}`}`;
  return { ...segment, name, incarnation };
}

/** The segment a name stands for, or `undefined` for anything else (junk, a tampered handle). */
export function parseSegmentName(name: string): WriteAheadLogSegment | undefined {
  const match = /^log-(0|[1-9]\d*)-(0|[1-9]\d*)(?:\.([1-9]\d*))?$/.exec(name);
  if (!match) return undefined;
  const [start, end, incarnation] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return Number.isSafeInteger(end) && Number.isSafeInteger(incarnation) && start < end ? { name, start, end, incarnation } : undefined;
}

/** Oldest first: by start, then end, then incarnation. */
export function compareSegments(a: WriteAheadLogSegment, b: WriteAheadLogSegment): number {
  return a.start - b.start || a.end - b.end || a.incarnation - b.incarnation;
}
