import type { Duration } from './Duration.js';

/** "2000 or 3000 ms": the positive multiples of `step` nearest to `value`, for error messages. */
export function nearestMultiples(value: Duration, step: Duration): string {
  const s = step.milliseconds;
  const below = Math.floor(value.milliseconds / s) * s;
  const above = below + s;
  return below > 0 && below !== value.milliseconds ? `${below} or ${above} ms` : `${above} ms`;
}
