import type { JsonValue, NodeSnapshot } from 'rivulet';
import { keyOf } from './recordShape';

/** How a key's state changed since the previous batch, as far as the two samples tell. */
export type StateChange = 'new' | 'changed' | 'same' | 'removed';

export interface StateRow {
  readonly key: JsonValue;
  readonly state: JsonValue | undefined;
  readonly previous: JsonValue | undefined;
  readonly change: StateChange;
}

export interface StateChanges {
  readonly rows: readonly StateRow[];
  /** Whether each sample held every key (then the changes are exact, not just among sampled keys). */
  readonly isComplete: boolean;
}

/**
 * A state operator's per-key state table (its RDD holds `[key, state]` pairs), compared with the
 * previous batch. The engine sends only the first records of each RDD, so a key missing from one
 * sample may merely not have been sampled: keys are `new` or `removed` only when the other
 * sample was complete, and otherwise count as unchanged.
 */
export function stateChanges(current: NodeSnapshot, previous: NodeSnapshot | undefined): StateChanges {
  const pairs = (snapshot: NodeSnapshot | undefined) =>
    new Map((snapshot?.sample ?? []).filter((r): r is JsonValue[] => Array.isArray(r) && r.length === 2).map((r) => [keyOf(r[0]!), r]));
  const now = pairs(current);
  const before = pairs(previous);
  const complete = (s: NodeSnapshot | undefined) => s !== undefined && s.records !== null && s.records <= s.sample.length;
  const previousComplete = previous === undefined || complete(previous);
  const currentComplete = complete(current);
  const rows: StateRow[] = [];
  for (const [key, [k, state]] of now) {
    const old = before.get(key);
    const change: StateChange = old ? (keyOf(old[1]!) === keyOf(state!) ? 'same' : 'changed') : previousComplete ? 'new' : 'same';
    rows.push({ key: k!, state, previous: old?.[1], change });
  }
  if (currentComplete) {
    for (const [key, [k, state]] of before) if (!now.has(key)) rows.push({ key: k!, state: undefined, previous: state, change: 'removed' });
  }
  return { rows, isComplete: previousComplete && currentComplete };
}
