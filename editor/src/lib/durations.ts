/** The units a duration field offers, with their length in ms. */
export const DURATION_UNITS = [
  { unit: 'ms', ms: 1 },
  { unit: 's', ms: 1000 },
  { unit: 'min', ms: 60_000 },
] as const;

export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

/** The largest unit that divides `ms` evenly, so `30000` shows as `30 s` and `1500` as `1500 ms`. */
export function bestUnit(ms: number): DurationUnit {
  for (let i = DURATION_UNITS.length - 1; i > 0; i--) {
    if (ms !== 0 && ms % DURATION_UNITS[i].ms === 0) return DURATION_UNITS[i].unit;
  }
  return 'ms';
}

export function unitMs(unit: DurationUnit): number {
  return DURATION_UNITS.find((u) => u.unit === unit)!.ms;
}

/** A duration for people: `250 ms`, `1.5 s`, `30 s`, `2 min`. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${ms} ms`;
}
