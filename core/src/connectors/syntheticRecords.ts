import { ValidationError } from '../errors.js';

/** A page view of `generatorStream({ kind: 'clicks' })`. `ts`: the click's time, clock ms. */
export interface ClickEvent {
  readonly user: string;
  readonly page: string;
  readonly ts: number;
}

/** A reading of `generatorStream({ kind: 'sensors' })`. `ts`: the reading's time, clock ms. */
export interface SensorReading {
  readonly sensor: string;
  readonly value: number;
  readonly ts: number;
}

interface CommonGeneratorOptions {
  /** Records per second of clock time; a batch of d ms gets rate × d / 1000 of them. */
  ratePerSecond: number;
  /** Same seed, same clock: same records. Default 0. */
  seed?: number;
  /** Partitions of each batch's RDD. Default: the RDD context's `defaultParallelism`. */
  numPartitions?: number;
}

/** Lines of words drawn from a vocabulary with Zipf-distributed frequencies (rank r ∝ 1/r^s). */
export interface WordsGeneratorOptions extends CommonGeneratorOptions {
  kind: 'words';
  /** Words per record, joined with single spaces. Default 1. */
  wordsPerLine?: number;
  /** Most frequent first. Default: 100 common English words. */
  vocabulary?: readonly string[];
  /** The Zipf exponent s. Default 1. */
  zipfExponent?: number;
}

/** Clicks by `user-<n>` (uniform) on `/page/<n>` (Zipf-distributed: a few pages get most clicks). */
export interface ClicksGeneratorOptions extends CommonGeneratorOptions {
  kind: 'clicks';
  /** Default 100. */
  users?: number;
  /** Default 20. */
  pages?: number;
  /** The Zipf exponent of page popularity. Default 1. */
  zipfExponent?: number;
}

/** Readings of `sensor-<n>` in turn: 20 ± 5 on a one-minute sine wave (a phase per sensor) plus noise in [-0.5, 0.5), two decimals. */
export interface SensorsGeneratorOptions extends CommonGeneratorOptions {
  kind: 'sensors';
  /** Default 10. */
  sensors?: number;
}

/** The options of `generatorStream`, by kind. */
export type GeneratorStreamOptions = WordsGeneratorOptions | ClicksGeneratorOptions | SensorsGeneratorOptions;

/** Record `index` of a generator, made at time `ts`: a pure function of (seed, index, ts). */
export type MakeRecord<T> = (index: number, ts: number) => T;

/** The `words` generator's default vocabulary, most common first. */
export const COMMON_WORDS = (
  'the of and to a in is it you that he was for on are with as his they be at one have this from or ' +
  'had by hot word but what some we can out other were all there when up use your how said an each ' +
  'she which do their time if will way about many then them write would like so these her long make ' +
  'thing see him two has look more day could go come did number sound no most people my over know ' +
  'water than call first who may down side been now find'
).split(' ');

/** The record maker of a generator's options: each record hashes (seed, index), so any batch is reproducible alone. */
export function syntheticRecords(options: GeneratorStreamOptions): MakeRecord<unknown> {
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) {
    throw new ValidationError('INVALID_ARGUMENT', `generatorStream: seed ${seed} is not a whole number; use e.g. 42.`);
  }
  switch (options.kind) {
    case 'words': {
      const vocabulary = options.vocabulary ?? COMMON_WORDS;
      const wordsPerLine = count('wordsPerLine', options.wordsPerLine ?? 1);
      if (vocabulary.length === 0) throw new ValidationError('INVALID_ARGUMENT', 'generatorStream: vocabulary is empty; give at least one word.');
      const pick = zipf(vocabulary.length, options.zipfExponent ?? 1);
      return (index) => {
        let line = vocabulary[pick(draw(seed, index, 0))]!;
        for (let i = 1; i < wordsPerLine; i++) line += ' ' + vocabulary[pick(draw(seed, index, i))]!;
        return line;
      };
    }
    case 'clicks': {
      const users = count('users', options.users ?? 100);
      const pickPage = zipf(count('pages', options.pages ?? 20), options.zipfExponent ?? 1);
      return (index, ts): ClickEvent => ({
        user: `user-${Math.floor(draw(seed, index, 0) * users)}`,
        page: `/page/${pickPage(draw(seed, index, 1))}`,
        ts,
      });
    }
    case 'sensors': {
      const sensors = count('sensors', options.sensors ?? 10);
      return (index, ts): SensorReading => {
        const sensor = index % sensors;
        const wave = 20 + 5 * Math.sin((2 * Math.PI * ts) / 60_000 + sensor);
        const value = Math.round((wave + draw(seed, index, 0) - 0.5) * 100) / 100;
        return { sensor: `sensor-${sensor}`, value, ts };
      };
    }
    default:
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `generatorStream: unknown kind '${(options as { kind: unknown }).kind}'; use 'words', 'clicks' or 'sensors'.`,
      );
  }
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError('INVALID_ARGUMENT', `generatorStream: ${name} ${value} is not a whole number ≥ 1.`);
  }
  return value;
}

/** A uniform number in [0, 1) for the `salt`-th draw of record `index`: a 32-bit hash of (seed, index, salt). */
function draw(seed: number, index: number, salt: number): number {
  let h = mix(seed ^ 0x9e3779b9);
  h = mix(h ^ (index >>> 0));
  h = mix(h ^ Math.floor(index / 0x100000000));
  h = mix(h ^ Math.imul(salt + 1, 0x85ebca6b));
  return h / 0x100000000;
}

/** MurmurHash3's finalizer: a bijective 32-bit mix. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Maps a uniform draw to a rank in [0, n) with P(rank r) ∝ 1 / (r + 1)^s, by binary search over the cumulative weights. */
function zipf(n: number, s: number): (u: number) => number {
  if (!(s >= 0)) throw new ValidationError('INVALID_ARGUMENT', `generatorStream: zipfExponent ${s} is not ≥ 0; use e.g. 1.`);
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cumulative[r] = total += 1 / Math.pow(r + 1, s);
  return (u) => {
    const x = u * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
