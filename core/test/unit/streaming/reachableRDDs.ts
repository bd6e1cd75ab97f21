import { RDD } from '../../../src/index.js';

/**
 * How many RDDs can be reached from `root` through object fields: a test's view of what the
 * garbage collector must keep. Contexts are not followed (they own every RDD's cache and ids).
 */
export function reachableRDDs(root: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof RDD) count++;
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    if (name === 'RDDContext' || name === 'StreamingContext') continue;
    if (value instanceof Map) {
      for (const [k, v] of value) stack.push(k, v);
      continue;
    }
    for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
  }
  return count;
}
