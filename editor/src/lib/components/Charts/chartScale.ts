/** The smallest "nice" number (1, 2, 2.5 or 5 × 10ⁿ) at least `value`, for an axis maximum; 1 for 0. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The plot area inside a chart of `width` × `height`: room on the left for the y labels, below for the x labels. */
export const PLOT_MARGIN = { top: 8, right: 8, bottom: 18, left: 46 } as const;

/** Counts of `values` in `bins` equal bins from 0 to `max` (values at or past `max` go in the last). */
export function histogram(values: readonly number[], max: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v / max) * bins)))]!++;
  return counts;
}
