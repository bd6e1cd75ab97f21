import { ValidationError } from '../errors.js';
import { Duration } from './Duration.js';

/**
 * An instant: a whole number of milliseconds since the epoch (or since 0 on a `ManualClock`),
 * immutable. Batch times are Times. Spark: `org.apache.spark.streaming.Time`.
 */
export class Time {
  /** The instant in milliseconds, an integer; may be negative (window arithmetic goes before zero). */
  readonly milliseconds: number;

  constructor(milliseconds: number) {
    if (!Number.isSafeInteger(milliseconds)) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `Time: ${milliseconds} is not a whole number of milliseconds; use an integer such as 1000.`,
      );
    }
    this.milliseconds = milliseconds;
  }

  /** Orders Times by instant, for `array.sort(Time.compare)` (Spark: `Time.ordering`). */
  static compare(this: void, a: Time, b: Time): number {
    return a.milliseconds - b.milliseconds;
  }

  // ---- Comparisons ----

  /** Whether this is before `that` (Spark: `Time.<`). */
  less(that: Time): boolean {
    return this.milliseconds < that.milliseconds;
  }

  /** Whether this is before or at `that` (Spark: `Time.<=`). */
  lessEq(that: Time): boolean {
    return this.milliseconds <= that.milliseconds;
  }

  /** Whether this is after `that` (Spark: `Time.>`). */
  greater(that: Time): boolean {
    return this.milliseconds > that.milliseconds;
  }

  /** Whether this is at or after `that` (Spark: `Time.>=`). */
  greaterEq(that: Time): boolean {
    return this.milliseconds >= that.milliseconds;
  }

  /** Whether both are the same instant (Spark: case-class `==`). */
  equals(that: Time): boolean {
    return this.milliseconds === that.milliseconds;
  }

  /** The earlier of the two, `that` on a tie (Spark: `Time.min`). */
  min(that: Time): Time {
    return this.less(that) ? this : that;
  }

  /** The later of the two, `that` on a tie (Spark: `Time.max`). */
  max(that: Time): Time {
    return this.greater(that) ? this : that;
  }

  /** Whether this instant is a whole multiple of `duration` after 0 (Spark: `Time.isMultipleOf`). */
  isMultipleOf(duration: Duration): boolean {
    const ms = duration.milliseconds;
    return ms === 0 ? this.milliseconds === 0 : this.milliseconds % ms === 0;
  }

  // ---- Arithmetic ----

  /** This instant moved `duration` later (Spark: `Time.+`). */
  plus(duration: Duration): Time {
    return new Time(this.milliseconds + duration.milliseconds);
  }

  /** The Duration from `that` to this; throws a `ValidationError` if `that` is later (Spark: `Time.-(Time)`). */
  minus(that: Time): Duration;
  /** This instant moved `duration` earlier (Spark: `Time.-(Duration)`). */
  minus(duration: Duration): Time;
  minus(that: Time | Duration): Duration | Time {
    if (that instanceof Time) {
      if (that.milliseconds > this.milliseconds) {
        throw new ValidationError(
          'INVALID_ARGUMENT',
          `Time ${this} minus ${that} is negative; a Duration cannot be negative, so subtract an earlier Time.`,
        );
      }
      return new Duration(this.milliseconds - that.milliseconds);
    }
    return new Time(this.milliseconds - that.milliseconds);
  }

  /**
   * The latest instant at or before this one that lies a whole number of `duration`s after
   * `zeroTime` (default 0) (Spark: `Time.floor`). Floors toward −∞ also before `zeroTime`.
   *
   *   zeroTime                  floor       this
   *      |-----------|-----------|-------x
   *      <-duration-> <-duration->
   */
  floor(duration: Duration, zeroTime: Time = ZERO): Time {
    const step = positiveStep(duration, 'floor');
    const offset = this.milliseconds - zeroTime.milliseconds;
    return new Time(Math.floor(offset / step) * step + zeroTime.milliseconds);
  }

  /** The Times from this one up to but excluding `end`, `interval` apart (Spark: `Time.until`). */
  until(end: Time, interval: Duration): Time[] {
    return this.range(end, interval, false);
  }

  /** The Times from this one up to and including `end`, `interval` apart (Spark: `Time.to`). */
  to(end: Time, interval: Duration): Time[] {
    return this.range(end, interval, true);
  }

  // ---- Formatting ----

  /** `"<ms> ms"`, exactly as Spark prints a Time (e.g. in `print()`'s banner). */
  toString(): string {
    return `${this.milliseconds} ms`;
  }

  private range(end: Time, interval: Duration, isInclusive: boolean): Time[] {
    const step = positiveStep(interval, isInclusive ? 'to' : 'until');
    const times: Time[] = [];
    const last = end.milliseconds;
    for (let ms = this.milliseconds; isInclusive ? ms <= last : ms < last; ms += step) {
      times.push(new Time(ms));
    }
    return times;
  }
}

const ZERO = new Time(0);

function positiveStep(duration: Duration, method: string): number {
  if (duration.milliseconds === 0) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `Time.${method}: the duration must be longer than 0 ms; pass a positive Duration such as Seconds(1).`,
    );
  }
  return duration.milliseconds;
}
