/**
 * What the streaming benchmarks share: a seeded corpus, timing, medians, options and number
 * formatting. Not a benchmark itself (run.mjs only runs `*.bench.ts`).
 */

// ---- Corpus ----

/** mulberry32: a tiny seeded PRNG, so every run (and every machine) sees the same input. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` distinct lower-case words of 2–10 letters. */
function makeVocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 9);
    let w = '';
    for (let i = 0; i < length; i++) w += String.fromCharCode(97 + Math.floor(random() * 26));
    words.add(w);
  }
  return [...words];
}

/**
 * Batches of lines of 5–15 words, the word of rank r drawn with probability ∝ 1 / r (Zipf, as
 * in wordCount.bench.ts), from a vocabulary of `vocabularySize` words.
 */
export function makeLineBatches(batches: number, linesPerBatch: number, vocabularySize: number, seed: number): string[][] {
  const random = mulberry32(seed);
  const vocabulary = makeVocabulary(random, vocabularySize);
  const cumulative = new Float64Array(vocabularySize);
  let total = 0;
  for (let r = 0; r < vocabularySize; r++) cumulative[r] = total += 1 / (r + 1);
  const pick = (): string => {
    const x = random() * total;
    let lo = 0;
    let hi = vocabularySize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
  const result: string[][] = [];
  for (let b = 0; b < batches; b++) {
    const lines = new Array<string>(linesPerBatch);
    for (let i = 0; i < linesPerBatch; i++) {
      const n = 5 + Math.floor(random() * 11);
      const words = new Array<string>(n);
      for (let j = 0; j < n; j++) words[j] = pick();
      lines[i] = words.join(' '); // a flat string, not a rope, so neither contender pays to flatten it
    }
    result.push(lines);
  }
  return result;
}

// ---- Measurement ----

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects garbage (run.mjs always passes --expose-gc), so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
  gc?.();
}

/** Wall-clock and process CPU milliseconds of one run; CPU time barely moves when other processes load the machine. */
export async function time<T>(run: () => T | Promise<T>): Promise<{ wallMs: number; cpuMs: number; result: T }> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const wallMs = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (user + system) / 1000, result };
}

/** Times batches one by one, in wall-clock and process CPU ms. */
export class BatchTimer {
  readonly batchMs: number[] = [];
  readonly batchCpuMs: number[] = [];
  private wall = 0;
  private cpu = process.cpuUsage();

  start(): void {
    this.cpu = process.cpuUsage();
    this.wall = performance.now();
  }

  stop(): void {
    this.batchMs.push(performance.now() - this.wall);
    const { user, system } = process.cpuUsage(this.cpu);
    this.batchCpuMs.push((user + system) / 1000);
  }
}

export function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The `p`-th percentile (0–100) by nearest rank; NaN when `xs` is empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Compares two word counts as sets of pairs; the first difference, or `undefined` when equal. */
export function sameCounts(a: readonly (readonly [string, number])[], b: readonly (readonly [string, number])[]): string | undefined {
  if (a.length !== b.length) return `${a.length} distinct words vs ${b.length}`;
  const m = new Map(b);
  for (const [w, n] of a) if (m.get(w) !== n) return `'${w}': ${n} vs ${m.get(w)}`;
  return undefined;
}

// ---- Arguments and formatting ----

/** `--name <integer>` options over `defaults`; an unknown name or a bad value throws, listing the known ones. */
export function parseOptions<O extends Record<string, number>>(bench: string, argv: readonly string[], defaults: O): O {
  const result: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!.replace(/^--/, '');
    const value = Number(argv[++i]);
    if (!(key in defaults) || !Number.isInteger(value) || value < 0) {
      const known = Object.keys(defaults).map((k) => `--${k}`);
      throw new Error(`${bench}: bad option '${argv[i - 1]} ${argv[i]}'; use ${known.join(', ')} <integer>`);
    }
    result[key] = value;
  }
  return result as O;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A right-aligned table: one header row, then rows of cells. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
