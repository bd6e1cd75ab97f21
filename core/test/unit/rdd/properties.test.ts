/**
 * Property-based tests: for random data (duplicates; int, string, array and plain-object keys,
 * objects built with their fields in either order), random partition counts and random
 * numPartitions arguments, every transformation and action gives what the same computation on a
 * plain array gives. Results are compared exactly where Spark defines their order (narrow
 * transformations, union, coalesce, sortBy, zipWithIndex, take) and as multisets elsewhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashPartitioner, RDDContext, type RDD } from '../../../src/index.js';

const numRuns = 40;

// ---- Data ----

type Key = number | string | [number, string] | { a: number; b: number };
type Pair = [Key, number];

const keyArb: fc.Arbitrary<Key> = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('a', 'b', 'c', ''),
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('x', 'y')),
  // The same object key arrives with its fields in either order.
  fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), fc.boolean()).map(([a, b, flip]) =>
    flip ? { b, a } : { a, b },
  ),
);
const valueArb = fc.integer({ min: -20, max: 20 });
const pairsArb = fc.array(fc.tuple(keyArb, valueArb) as fc.Arbitrary<Pair>, { maxLength: 24 });
const intsArb = fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 30 });
const elementsArb = fc.array(keyArb, { maxLength: 24 });
const slicesArb = fc.integer({ min: 1, max: 8 });
const numPartitionsArb = fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined });

// ---- Reference implementations on plain arrays ----

/** An identity for keys that compare by value, written independently of the engine's. */
function refKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A canonical order for comparing multisets. */
function bag<T>(values: readonly T[]): T[] {
  return [...values].sort((a, b) => {
    const x = refKey(a);
    const y = refKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Partition p of P holds positions [⌊p·n/P⌋, ⌊(p+1)·n/P⌋). */
function slicesOf<T>(data: readonly T[], slices: number): T[][] {
  return Array.from({ length: slices }, (_, p) =>
    data.slice(Math.floor((p * data.length) / slices), Math.floor(((p + 1) * data.length) / slices)),
  );
}

function groupRef<V>(pairs: readonly [Key, V][]): [Key, V[]][] {
  const groups = new Map<string, [Key, V[]]>();
  for (const [k, v] of pairs) {
    const entry = groups.get(refKey(k));
    if (entry) entry[1].push(v);
    else groups.set(refKey(k), [k, [v]]);
  }
  return [...groups.values()];
}

function lookupRef<V>(groups: [Key, V[]][], key: Key): V[] {
  return groups.find(([k]) => refKey(k) === refKey(key))?.[1] ?? [];
}

function distinctRef<T>(values: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const v of values) if (!seen.has(refKey(v))) seen.set(refKey(v), v);
  return [...seen.values()];
}

function joinRef<V, W, R>(
  left: readonly [Key, V][],
  right: readonly [Key, W][],
  emit: (vs: V[], ws: W[]) => R[],
): [Key, R][] {
  const l = groupRef(left);
  const r = groupRef(right);
  const keys = distinctRef([...left.map(([k]) => k), ...right.map(([k]) => k)]);
  return keys.flatMap((k) => emit(lookupRef(l, k), lookupRef(r, k)).map((x): [Key, R] => [k, x]));
}

const sortedGroups = <V>(groups: [Key, V[]][]): [Key, V[]][] => groups.map(([k, vs]) => [k, bag(vs)]);

/** Numbers numerically, strings by code units, arrays element by element. */
function refCompare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = refCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Every key of a by-key result sits, once, in the partition a HashPartitioner gives it. */
async function expectHashPartitioned(rdd: RDD<[Key, unknown]>, numPartitions: number): Promise<void> {
  const partitioner = new HashPartitioner(numPartitions);
  const parts = await rdd.glom().collect();
  expect(parts).toHaveLength(numPartitions);
  parts.forEach((part, i) => {
    for (const [k] of part) expect(partitioner.getPartition(k)).toBe(i);
  });
  const keys = parts.flat().map(([k]) => refKey(k));
  expect(new Set(keys).size).toBe(keys.length);
}

const context = () => new RDDContext({ master: 'local[3]' });

// ---- Properties ----

describe('RDD properties', () => {
  it('map, filter and flatMap preserve order within and across partitions', async () => {
    await fc.assert(
      fc.asyncProperty(intsArb, slicesArb, async (data, slices) => {
        const rdd = context().parallelize(data, slices);
        expect(await rdd.map((x) => x * 3 - 1).collect()).toEqual(data.map((x) => x * 3 - 1));
        expect(await rdd.filter((x) => x % 3 === 0).collect()).toEqual(data.filter((x) => x % 3 === 0));
        const expand = (x: number) => Array.from({ length: Math.abs(x) % 3 }, (_, i) => x + i);
        expect(await rdd.flatMap(expand).collect()).toEqual(data.flatMap(expand));
        const chained = rdd.map((x) => x + 1).filter((x) => x > 0).flatMap((x) => [x, -x]).map(String);
        const expected = data.map((x) => x + 1).filter((x) => x > 0).flatMap((x) => [x, -x]).map(String);
        expect(await chained.collect()).toEqual(expected);
        expect(await rdd.keyBy((x) => x % 4).collect()).toEqual(data.map((x) => [x % 4, x]));
      }),
      { numRuns },
    );
  });

  it('parallelize, glom, mapPartitions and mapPartitionsWithIndex see the slices', async () => {
    await fc.assert(
      fc.asyncProperty(intsArb, slicesArb, async (data, slices) => {
        const rdd = context().parallelize(data, slices);
        const expected = slicesOf(data, slices);
        expect(rdd.getNumPartitions()).toBe(slices);
        expect(await rdd.glom().collect()).toEqual(expected);
        const sums = rdd.mapPartitions((values) => {
          let sum = 0;
          let n = 0;
          for (const v of values) (sum += v), n++;
          return [[sum, n]];
        });
        expect(await sums.collect()).toEqual(expected.map((s) => [s.reduce((a, b) => a + b, 0), s.length]));
        const tagged = rdd.mapPartitionsWithIndex((i, values) => Array.from(values, (v) => `${i}:${v}`));
        expect(await tagged.collect()).toEqual(expected.flatMap((s, i) => s.map((v) => `${i}:${v}`)));
      }),
      { numRuns },
    );
  });

  it('union concatenates partitions in order', async () => {
    await fc.assert(
      fc.asyncProperty(intsArb, slicesArb, intsArb, slicesArb, async (a, sa, b, sb) => {
        const sc = context();
        const union = sc.parallelize(a, sa).union(sc.parallelize(b, sb));
        expect(union.getNumPartitions()).toBe(sa + sb);
        expect(await union.collect()).toEqual([...a, ...b]);
        expect(await sc.union([sc.parallelize(b, sb), sc.parallelize(a, sa)]).collect()).toEqual([...b, ...a]);
      }),
      { numRuns },
    );
  });

  it('distinct keeps one of each value, comparing structured values by value', async () => {
    await fc.assert(
      fc.asyncProperty(elementsArb, slicesArb, numPartitionsArb, async (data, slices, numPartitions) => {
        const distinct = context().parallelize(data, slices).distinct(numPartitions);
        expect(distinct.getNumPartitions()).toBe(numPartitions ?? slices);
        expect(bag(await distinct.collect())).toEqual(bag(distinctRef(data)));
      }),
      { numRuns },
    );
  });

  it('coalesce without shuffle merges contiguous partitions and keeps order', async () => {
    await fc.assert(
      fc.asyncProperty(intsArb, slicesArb, fc.integer({ min: 1, max: 10 }), async (data, slices, target) => {
        const coalesced = context().parallelize(data, slices).coalesce(target);
        const groups = Math.min(slices, target);
        const parent = slicesOf(data, slices);
        const expected = Array.from({ length: groups }, (_, g) =>
          parent.slice(Math.floor((g * slices) / groups), Math.floor(((g + 1) * slices) / groups)).flat(),
        );
        expect(coalesced.getNumPartitions()).toBe(groups);
        expect(await coalesced.glom().collect()).toEqual(expected);
        expect(await coalesced.collect()).toEqual(data);
      }),
      { numRuns },
    );
  });

  it('repartition and coalesce with shuffle keep every element', async () => {
    await fc.assert(
      fc.asyncProperty(elementsArb, slicesArb, fc.integer({ min: 1, max: 8 }), async (data, slices, target) => {
        const rdd = context().parallelize(data, slices);
        for (const shuffled of [rdd.repartition(target), rdd.coalesce(target, true)]) {
          expect(shuffled.getNumPartitions()).toBe(target);
          expect(bag(await shuffled.collect())).toEqual(bag(data));
          // Round-robin placement: partition sizes differ by at most the number of parent partitions.
          const sizes = (await shuffled.glom().collect()).map((p) => p.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(slices);
        }
      }),
      { numRuns },
    );
  });

  it('sortBy sorts by the key, ascending or descending, into numPartitions ordered partitions', async () => {
    const sortable = fc.oneof(
      fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 30 }),
      fc.array(fc.string({ maxLength: 3 }), { maxLength: 30 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('p', 'q')), { maxLength: 30 }),
    ) as fc.Arbitrary<unknown[]>;
    await fc.assert(
      fc.asyncProperty(sortable, slicesArb, numPartitionsArb, fc.boolean(), async (data, slices, numPartitions, asc) => {
        const sorted = context().parallelize(data, slices).sortBy((x) => x, asc, numPartitions);
        const order = asc ? refCompare : (a: unknown, b: unknown) => refCompare(b, a);
        expect(sorted.getNumPartitions()).toBe(numPartitions ?? slices);
        const result = await sorted.collect();
        expect(result).toEqual([...data].sort(order));
        // Each partition's elements all come before the next partition's.
        const parts = (await sorted.glom().collect()).filter((p) => p.length > 0);
        for (let i = 0; i + 1 < parts.length; i++) expect(order(parts[i]!.at(-1), parts[i + 1]![0])).toBeLessThanOrEqual(0);
      }),
      { numRuns },
    );
  });

  it('sortBy with a key function keeps every element, ordered by its key', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, numPartitionsArb, async (pairs, slices, numPartitions) => {
        const sorted = await context().parallelize(pairs, slices).sortBy(([, v]) => v, false, numPartitions).collect();
        expect(sorted.map(([, v]) => v)).toEqual(pairs.map(([, v]) => v).sort((a, b) => b - a));
        expect(bag(sorted)).toEqual(bag(pairs));
      }),
      { numRuns },
    );
  });

  it('zipWithIndex numbers elements by their position', async () => {
    await fc.assert(
      fc.asyncProperty(intsArb, slicesArb, async (data, slices) => {
        const rdd = context().parallelize(data, slices);
        expect(await rdd.zipWithIndex().collect()).toEqual(data.map((x, i) => [x, i]));
        const kept = data.filter((x) => x % 2 === 0);
        expect(await rdd.filter((x) => x % 2 === 0).zipWithIndex().collect()).toEqual(kept.map((x, i) => [x, i]));
      }),
      { numRuns },
    );
  });

  it('cartesian pairs every element with every element', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }),
        slicesArb,
        fc.array(keyArb, { maxLength: 8 }),
        slicesArb,
        async (a, sa, b, sb) => {
          const sc = context();
          const product = sc.parallelize(a, sa).cartesian(sc.parallelize(b, sb));
          expect(product.getNumPartitions()).toBe(sa * sb);
          expect(bag(await product.collect())).toEqual(bag(a.flatMap((x) => b.map((y) => [x, y]))));
        },
      ),
      { numRuns },
    );
  });

  it('mapValues, flatMapValues, keys and values', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, async (pairs, slices) => {
        const rdd = context().parallelize(pairs, slices);
        expect(await rdd.mapValues((v) => v * 2).collect()).toEqual(pairs.map(([k, v]) => [k, v * 2]));
        const upTo = (v: number) => Array.from({ length: Math.abs(v) % 3 }, (_, i) => i);
        expect(await rdd.flatMapValues(upTo).collect()).toEqual(pairs.flatMap(([k, v]) => upTo(v).map((w) => [k, w])));
        expect(await rdd.keys().collect()).toEqual(pairs.map(([k]) => k));
        expect(await rdd.values().collect()).toEqual(pairs.map(([, v]) => v));
      }),
      { numRuns },
    );
  });

  it('reduceByKey, foldByKey and combineByKey aggregate each key once, in its hash partition', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, numPartitionsArb, async (pairs, slices, numPartitions) => {
        const rdd = context().parallelize(pairs, slices);
        const sums = groupRef(pairs).map(([k, vs]): [Key, number] => [k, vs.reduce((a, b) => a + b)]);
        const partitions = numPartitions ?? slices;

        const reduced = rdd.reduceByKey((a, b) => a + b, numPartitions);
        expect(bag(await reduced.collect())).toEqual(bag(sums));
        await expectHashPartitioned(reduced, partitions);

        const folded = rdd.foldByKey(0, (a, b) => a + b, numPartitions);
        expect(bag(await folded.collect())).toEqual(bag(sums));

        const minMax = rdd.combineByKey(
          (v): [number, number] => [v, v],
          ([lo, hi], v): [number, number] => [Math.min(lo, v), Math.max(hi, v)],
          (a, b): [number, number] => [Math.min(a[0], b[0]), Math.max(a[1], b[1])],
          numPartitions,
        );
        const expected = groupRef(pairs).map(([k, vs]) => [k, [Math.min(...vs), Math.max(...vs)]]);
        expect(bag(await minMax.collect())).toEqual(bag(expected));
      }),
      { numRuns },
    );
  });

  it('groupByKey gathers every value of a key', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, numPartitionsArb, async (pairs, slices, numPartitions) => {
        const grouped = context().parallelize(pairs, slices).groupByKey(numPartitions);
        expect(bag(sortedGroups(await grouped.collect()))).toEqual(bag(sortedGroups(groupRef(pairs))));
        await expectHashPartitioned(grouped, numPartitions ?? slices);
      }),
      { numRuns },
    );
  });

  it('aggregateByKey with a mutable Set zero value, collected twice', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, numPartitionsArb, async (pairs, slices, numPartitions) => {
        const sets = context()
          .parallelize(pairs, slices)
          .aggregateByKey(
            new Set<number>(),
            (set, v) => set.add(v),
            (a, b) => {
              for (const v of b) a.add(v);
              return a;
            },
            numPartitions,
          );
        const expected = bag(groupRef(pairs).map(([k, vs]) => [k, bag(distinctRef(vs))]));
        const read = async () => bag((await sets.collect()).map(([k, set]) => [k, bag([...set])]));
        expect(await read()).toEqual(expected);
        expect(await read()).toEqual(expected);
      }),
      { numRuns },
    );
  });

  it('partitionBy places keys by the partitioner and keeps every pair', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, fc.integer({ min: 1, max: 8 }), async (pairs, slices, numPartitions) => {
        const partitioned = context().parallelize(pairs, slices).partitionBy(new HashPartitioner(numPartitions));
        const parts = await partitioned.glom().collect();
        parts.forEach((part, i) => {
          for (const [k] of part) expect(new HashPartitioner(numPartitions).getPartition(k)).toBe(i);
        });
        expect(bag(parts.flat())).toEqual(bag(pairs));
      }),
      { numRuns },
    );
  });

  it('join, leftOuterJoin, rightOuterJoin and fullOuterJoin', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, pairsArb, slicesArb, numPartitionsArb, async (l, sl, r, sr, numPartitions) => {
        const sc = context();
        const left = sc.parallelize(l, sl);
        const right = sc.parallelize(r.map(([k, v]): [Key, string] => [k, `w${v}`]), sr);
        const rs = r.map(([k, v]): [Key, string] => [k, `w${v}`]);
        const cross = <A, B>(vs: A[], ws: B[]) => vs.flatMap((v) => ws.map((w): [A, B] => [v, w]));
        const outer = <A>(xs: A[]): (A | undefined)[] => (xs.length ? xs : [undefined]);

        expect(bag(await left.join(right, numPartitions).collect())).toEqual(bag(joinRef(l, rs, cross)));
        expect(bag(await left.leftOuterJoin(right, numPartitions).collect())).toEqual(
          bag(joinRef(l, rs, (vs, ws) => cross(vs, outer(ws)))),
        );
        expect(bag(await left.rightOuterJoin(right, numPartitions).collect())).toEqual(
          bag(joinRef(l, rs, (vs, ws) => cross(outer(vs), ws))),
        );
        expect(bag(await left.fullOuterJoin(right, numPartitions).collect())).toEqual(
          bag(joinRef(l, rs, (vs, ws) => (vs.length || ws.length ? cross(outer(vs), outer(ws)) : []))),
        );
        expect(left.join(right, numPartitions).getNumPartitions()).toBe(numPartitions ?? Math.max(sl, sr));
      }),
      { numRuns },
    );
  });

  it('cogroup of 2, 3 and 4 RDDs', async () => {
    const inputsArb = fc.array(pairsArb, { minLength: 4, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(inputsArb, slicesArb, numPartitionsArb, async (inputs, slices, numPartitions) => {
        const sc = context();
        const rdds = inputs.map((pairs, i) => sc.parallelize(pairs, ((slices + i) % 8) + 1));
        const [a, b, c, d] = rdds as [RDD<Pair>, RDD<Pair>, RDD<Pair>, RDD<Pair>];
        const expected = (count: number) => {
          const groups = inputs.slice(0, count).map((pairs) => groupRef(pairs));
          const keys = distinctRef(inputs.slice(0, count).flat().map(([k]) => k));
          return bag(keys.map((k) => [k, groups.map((g) => bag(lookupRef(g, k)))]));
        };
        const actual = (groups: [Key, number[][]][]) => bag(groups.map(([k, lists]) => [k, lists.map((l) => bag(l))]));
        expect(actual(await a.cogroup(b, numPartitions).collect())).toEqual(expected(2));
        expect(actual(await a.cogroup(b, c, numPartitions).collect())).toEqual(expected(3));
        expect(actual(await a.cogroup(b, c, d, numPartitions).collect())).toEqual(expected(4));
      }),
      { numRuns },
    );
  });

  it('subtractByKey keeps the pairs whose key is not in the other RDD', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, pairsArb, slicesArb, numPartitionsArb, async (l, sl, r, sr, numPartitions) => {
        const sc = context();
        const result = sc.parallelize(l, sl).subtractByKey(sc.parallelize(r, sr), numPartitions);
        const removed = new Set(r.map(([k]) => refKey(k)));
        expect(bag(await result.collect())).toEqual(bag(l.filter(([k]) => !removed.has(refKey(k)))));
        expect(result.getNumPartitions()).toBe(numPartitions ?? sl);
      }),
      { numRuns },
    );
  });

  it('count, reduce, fold, aggregate, take, first and isEmpty', async () => {
    await fc.assert(
      fc.asyncProperty(intsArb, slicesArb, fc.integer({ min: 0, max: 35 }), async (data, slices, k) => {
        const rdd = context().parallelize(data, slices);
        const sum = data.reduce((a, b) => a + b, 0);
        expect(await rdd.count()).toBe(data.length);
        expect(await rdd.fold(0, (a, b) => a + b)).toBe(sum);
        expect(await rdd.aggregate<number[]>([], (acc, v) => (acc.push(v), acc), (a, b) => a.concat(b))).toEqual(data);
        expect(await rdd.take(k)).toEqual(data.slice(0, k));
        expect(await rdd.isEmpty()).toBe(data.length === 0);
        if (data.length === 0) {
          await expect(rdd.reduce((a, b) => a + b)).rejects.toMatchObject({ code: 'EMPTY_COLLECTION' });
          await expect(rdd.first()).rejects.toMatchObject({ code: 'EMPTY_COLLECTION' });
        } else {
          expect(await rdd.reduce((a, b) => a + b)).toBe(sum);
          expect(await rdd.first()).toBe(data[0]);
        }
      }),
      { numRuns },
    );
  });

  it('countByKey and countByValue count by value', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, async (pairs, slices) => {
        const rdd = context().parallelize(pairs, slices);
        const expectedByKey = groupRef(pairs).map(([k, vs]) => [k, vs.length]);
        expect(bag([...(await rdd.countByKey())])).toEqual(bag(expectedByKey));
        const keys = pairs.map(([k]) => k);
        const expectedByValue = groupRef(keys.map((k): [Key, null] => [k, null])).map(([k, vs]) => [k, vs.length]);
        expect(bag([...(await rdd.keys().countByValue())])).toEqual(bag(expectedByValue));
      }),
      { numRuns },
    );
  });

  it('results do not depend on caching, and cached results survive a lost partition', async () => {
    await fc.assert(
      fc.asyncProperty(pairsArb, slicesArb, fc.nat(), async (pairs, slices, lost) => {
        const sc = context();
        const plain = sc.parallelize(pairs, slices).mapValues((v) => v + 1);
        const cached = sc.parallelize(pairs, slices).mapValues((v) => v + 1).cache();
        const expected = bag(await plain.reduceByKey((a, b) => a + b).collect());
        expect(bag(await cached.reduceByKey((a, b) => a + b).collect())).toEqual(expected);
        sc.blockManager.removeBlock(cached.id, lost % slices);
        expect(await cached.collect()).toEqual(await plain.collect());
        expect(bag(await cached.reduceByKey((a, b) => a + b).collect())).toEqual(expected);
      }),
      { numRuns },
    );
  });
});
