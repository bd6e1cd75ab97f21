/**
 * Small durable records keyed by string, kept next to a store's checkpoints: what must outlive a
 * restart but is not part of any one checkpoint, such as the batch times an idempotent sink has
 * committed (Spark has no counterpart; Structured Streaming keeps such metadata in its `commits/`
 * and `offsets/` logs).
 *
 * Contract: `put` resolves once the value is durable and replaces any previous one atomically (a
 * reader sees the old value or the new one); `get` of a missing key is `undefined`; `delete` of a
 * missing key is fine; `keys(prefix)` lists the keys that start with `prefix` (all without one),
 * sorted by code unit. Values are meant to be small (up to a few kilobytes).
 */
export interface DurableRecords {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  keys(prefix?: string): Promise<string[]>;
}
