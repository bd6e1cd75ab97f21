/** Numbers of the run as people read them; all of them work for any finite input. */

/** A record count: `950`, `12.4k`, `3.1M`. */
export function formatCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

/** A real duration: `0.42 ms`, `12 ms`, `1.25 s`. */
export function formatMs(ms: number): string {
  if (ms < 0.1) return ms === 0 ? '0 ms' : '<0.1 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${trim(ms / 1000, 2)} s`;
}

/** A batch time on the engine's clock: `3 s`, `12.5 s`, `250 ms`. */
export function formatBatchTime(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(3))} s`;
}

/** A rate in records per second: `4/s`, `12.4k/s`. */
export function formatRate(perSecond: number): string {
  return perSecond < 10 && perSecond % 1 !== 0 ? `${perSecond.toFixed(1)}/s` : `${formatCount(perSecond)}/s`;
}

function trim(value: number, digits = 1): string {
  return value >= 100 ? String(Math.round(value)) : String(Number(value.toFixed(digits)));
}
