import { ValidationError } from '../errors.js';
import type { Duration } from './Duration.js';
import { Time } from './Time.js';
import type { Clock } from './util/Clock.js';

/**
 * The span from `beginTime` to `endTime`, immutable; windows are Intervals.
 * Spark: `org.apache.spark.streaming.Interval`.
 */
export class Interval {
  readonly beginTime: Time;
  readonly endTime: Time;

  /** From two Times, or from two millisecond counts; `endTime` must not be before `beginTime`. */
  constructor(beginTime: Time, endTime: Time);
  constructor(beginMs: number, endMs: number);
  constructor(begin: Time | number, end: Time | number) {
    this.beginTime = typeof begin === 'number' ? new Time(begin) : begin;
    this.endTime = typeof end === 'number' ? new Time(end) : end;
    if (this.endTime.less(this.beginTime)) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `Interval: end ${this.endTime} is before begin ${this.beginTime}; pass the earlier Time first.`,
      );
    }
  }

  /**
   * The interval of length `duration` that contains the clock's current time, aligned to
   * multiples of `duration` (Spark: `Interval.currentInterval`, which read the system clock).
   */
  static currentInterval(duration: Duration, clock: Clock): Interval {
    const begin = new Time(clock.getTimeMillis()).floor(duration);
    return new Interval(begin, begin.plus(duration));
  }

  /** The length from begin to end (Spark: `Interval.duration`). */
  duration(): Duration {
    return this.endTime.minus(this.beginTime);
  }

  /** Whether begin and end are the same instant. */
  get isZero(): boolean {
    return this.beginTime.equals(this.endTime);
  }

  /** This interval moved `duration` later (Spark: `Interval.+`). */
  plus(duration: Duration): Interval {
    return new Interval(this.beginTime.plus(duration), this.endTime.plus(duration));
  }

  /** This interval moved `duration` earlier (Spark: `Interval.-`). */
  minus(duration: Duration): Interval {
    return new Interval(this.beginTime.minus(duration), this.endTime.minus(duration));
  }

  // ---- Comparisons (only between intervals of the same length, as in Spark) ----

  /** Whether this ends before `that`; both must last as long (Spark: `Interval.<`). */
  less(that: Interval): boolean {
    this.requireSameDuration(that);
    return this.endTime.less(that.endTime);
  }

  /** Whether this ends before or with `that` (Spark: `Interval.<=`). */
  lessEq(that: Interval): boolean {
    this.requireSameDuration(that);
    return this.endTime.lessEq(that.endTime);
  }

  /** Whether this ends after `that` (Spark: `Interval.>`). */
  greater(that: Interval): boolean {
    this.requireSameDuration(that);
    return this.endTime.greater(that.endTime);
  }

  /** Whether this ends after or with `that` (Spark: `Interval.>=`). */
  greaterEq(that: Interval): boolean {
    this.requireSameDuration(that);
    return this.endTime.greaterEq(that.endTime);
  }

  /** Whether both have the same begin and end. */
  equals(that: Interval): boolean {
    return this.beginTime.equals(that.beginTime) && this.endTime.equals(that.endTime);
  }

  /** `"[<begin> ms, <end> ms]"`, as Spark prints an Interval. */
  toString(): string {
    return `[${this.beginTime}, ${this.endTime}]`;
  }

  private requireSameDuration(that: Interval): void {
    const mine = this.duration();
    const theirs = that.duration();
    if (!mine.equals(theirs)) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `Interval ${this} (${mine}) cannot be ordered against ${that} (${theirs}); ` +
          'compare intervals of the same duration, or compare their endTimes.',
      );
    }
  }
}
