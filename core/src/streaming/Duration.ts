import { ValidationError } from '../errors.js';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * A span of time: a non-negative whole number of milliseconds, immutable.
 * Spark: `org.apache.spark.streaming.Duration`.
 */
export class Duration {
  /** The length in milliseconds, a non-negative integer. */
  readonly milliseconds: number;

  constructor(milliseconds: number) {
    if (!Number.isSafeInteger(milliseconds) || milliseconds < 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `Duration: ${milliseconds} is not a non-negative whole number of milliseconds; ` +
          'use an integer ≥ 0, e.g. Milliseconds(500) or Seconds(1).',
      );
    }
    this.milliseconds = milliseconds;
  }

  // ---- Comparisons ----

  /** Whether this is shorter than `that` (Spark: `Duration.<`). */
  less(that: Duration): boolean {
    return this.milliseconds < that.milliseconds;
  }

  /** Whether this is shorter than or as long as `that` (Spark: `Duration.<=`). */
  lessEq(that: Duration): boolean {
    return this.milliseconds <= that.milliseconds;
  }

  /** Whether this is longer than `that` (Spark: `Duration.>`). */
  greater(that: Duration): boolean {
    return this.milliseconds > that.milliseconds;
  }

  /** Whether this is longer than or as long as `that` (Spark: `Duration.>=`). */
  greaterEq(that: Duration): boolean {
    return this.milliseconds >= that.milliseconds;
  }

  /** Whether both last the same number of milliseconds (Spark: case-class `==`). */
  equals(that: Duration): boolean {
    return this.milliseconds === that.milliseconds;
  }

  /** The shorter of the two, this one on a tie (Spark: `Duration.min`). */
  min(that: Duration): Duration {
    return this.less(that) ? this : that;
  }

  /** The longer of the two, `that` on a tie (Spark: `Duration.max`). */
  max(that: Duration): Duration {
    return this.greater(that) ? this : that;
  }

  /** Whether this lasts 0 ms (Spark: `Duration.isZero`). */
  get isZero(): boolean {
    return this.milliseconds === 0;
  }

  /**
   * Whether this is a whole multiple of `that` (Spark: `Duration.isMultipleOf`).
   * Only a zero duration is a multiple of zero (Spark throws on a zero divisor).
   */
  isMultipleOf(that: Duration): boolean {
    return that.isZero ? this.isZero : this.milliseconds % that.milliseconds === 0;
  }

  // ---- Arithmetic ----

  /** The sum of both (Spark: `Duration.+`). */
  plus(that: Duration): Duration {
    return new Duration(this.milliseconds + that.milliseconds);
  }

  /** This minus `that`; throws a `ValidationError` if that would be negative (Spark: `Duration.-`). */
  minus(that: Duration): Duration {
    const difference = this.milliseconds - that.milliseconds;
    if (difference < 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `Duration ${this} minus ${that} is negative; a Duration cannot be negative, so subtract at most ${this}.`,
      );
    }
    return new Duration(difference);
  }

  /** This multiplied by `times`; the result must be a whole number of ms (Spark: `Duration.*`). */
  times(times: number): Duration {
    return new Duration(wholeMillis(this.milliseconds * times));
  }

  /** The ratio of the two lengths, a plain number (Spark: `Duration./`). */
  div(that: Duration): number {
    return this.milliseconds / that.milliseconds;
  }

  // ---- Formatting ----

  /** `"<ms> ms"`, exactly as Spark prints a Duration (Spark: `Duration.toString`). */
  toString(): string {
    return `${this.milliseconds} ms`;
  }

  /** The bare millisecond count as text (Spark: `Duration.toFormattedString`). */
  toFormattedString(): string {
    return String(this.milliseconds);
  }

  /** A short human-readable form: `"35 ms"`, `"1.5 s"`, `"2.0 m"`, `"1.25 h"` (Spark: `Duration.prettyPrint`). */
  prettyPrint(): string {
    const ms = this.milliseconds;
    if (ms < SECOND_MS) return `${ms} ms`;
    if (ms < MINUTE_MS) return `${(ms / SECOND_MS).toFixed(1)} s`;
    if (ms < HOUR_MS) return `${(ms / MINUTE_MS).toFixed(1)} m`;
    return `${(ms / HOUR_MS).toFixed(2)} h`;
  }
}

/**
 * Rounds away floating-point noise (`1.1 * 1000` may not be exactly `1100`) but keeps real
 * fractions of a millisecond, which the Duration constructor then rejects.
 */
function wholeMillis(ms: number): number {
  const rounded = Math.round(ms);
  return Math.abs(ms - rounded) <= 1e-9 * Math.max(1, Math.abs(ms)) ? rounded : ms;
}

/** A Duration of `milliseconds` ms (Spark: `Milliseconds(n)`). */
export function Milliseconds(milliseconds: number): Duration {
  return new Duration(milliseconds);
}

/** A Duration of `seconds` s; fractions are fine if they make whole ms, e.g. `Seconds(0.5)` (Spark: `Seconds(n)`). */
export function Seconds(seconds: number): Duration {
  return new Duration(wholeMillis(seconds * SECOND_MS));
}

/** A Duration of `minutes` min; fractions are fine if they make whole ms (Spark: `Minutes(n)`). */
export function Minutes(minutes: number): Duration {
  return new Duration(wholeMillis(minutes * MINUTE_MS));
}
