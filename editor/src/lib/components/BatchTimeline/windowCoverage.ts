import { getOperator, type JsonValue } from 'rivulet';

/**
 * The batch times a window node's RDD at `timeMs` covers: those in (timeMs − window, timeMs],
 * as Spark's `WindowedDStream` slices its parent. Undefined for a node that is not a window.
 *
 *   window 3 s at 10 s:   ( 7 s ········· 10 s ]   → batches 8 s, 9 s, 10 s
 */
export function windowCoverage(
  operator: string | undefined,
  params: Readonly<Record<string, JsonValue>> | undefined,
  timeMs: number,
): { fromMs: number; toMs: number; windowMs: number } | undefined {
  const windowParams = operator === undefined ? undefined : getOperator(operator)?.windowParams;
  const windowMs = windowParams && params ? params[windowParams.durationParam] : undefined;
  if (typeof windowMs !== 'number') return undefined;
  return { fromMs: timeMs - windowMs, toMs: timeMs, windowMs };
}
