import { ValidationError } from '../../errors.js';
import type { RDD } from '../../rdd/internal.js';
import { StorageLevel } from '../../rdd/StorageLevel.js';
import type { Duration } from '../Duration.js';
import { nearestMultiples } from '../durationHints.js';
import { Interval } from '../Interval.js';
import type { StreamingContext } from '../StreamingContext.js';
import type { Time } from '../Time.js';
import { DStream } from './internal.js';

/**
 * The union of the parent's RDDs in the last `windowDuration`, every `slideDuration` (Spark:
 * `WindowedDStream`). The window ending at `validTime` holds the parent's batches after
 * `validTime - windowDuration`, up to and including `validTime`:
 *
 *   parent:   |  b1  |  b2  |  b3  |  b4  |  b5  |  b6  |   (one RDD per parent slide)
 *             0      1      2      3      4      5      6 s
 *   window 4 s, slide 2 s:
 *   at 4 s    [ b1     b2     b3     b4 ]
 *   at 6 s                  [ b3     b4     b5     b6 ]
 *
 * A parent RDD is read by several windows, so the parent is persisted.
 */
export class WindowedDStream<T> extends DStream<T> {
  readonly className = 'WindowedDStream';
  readonly dependencies: readonly DStream<unknown>[];

  constructor(
    private readonly parent: DStream<T>,
    readonly windowDuration: Duration,
    readonly slideDuration: Duration,
  ) {
    super(requireWindowMultiples('window', parent, windowDuration, slideDuration));
    this.dependencies = [parent];
    parent.persist(StorageLevel.MEMORY_ONLY_SER);
  }

  /** The parent must keep a whole window of RDDs beyond what this stream remembers. */
  override get parentRememberDuration(): Duration {
    return this.rememberDuration!.plus(this.windowDuration);
  }

  /**
   * Persists the parent rather than this stream: a window is a cheap union of the parent's RDDs,
   * so caching it would only store the same records twice (Spark: `WindowedDStream.persist`).
   */
  override persist(level: StorageLevel = StorageLevel.MEMORY_ONLY_SER): this {
    this.parent.persist(level);
    return this;
  }

  override fingerprintParams(): Readonly<Record<string, string>> {
    return { window: String(this.windowDuration), slide: String(this.slideDuration) };
  }

  compute(validTime: Time): RDD<T> {
    const currentWindow = new Interval(validTime.minus(this.windowDuration).plus(this.parent.slideDuration), validTime);
    return this.context.rddContext.union(this.parent.slice(currentWindow));
  }
}

/**
 * Checks that a window and a slide are positive multiples of the parent's slide, and
 * returns the parent's context; the error names the operator's parent, the bad value and the
 * nearest valid ones. Shared by every window operator (Spark: the `require` checks of
 * `WindowedDStream` and `ReducedWindowedDStream`).
 */
export function requireWindowMultiples(
  operator: string,
  parent: DStream<unknown>,
  windowDuration: Duration,
  slideDuration: Duration,
): StreamingContext {
  const step = parent.slideDuration;
  for (const [what, value] of [
    ['window', windowDuration],
    ['slide', slideDuration],
  ] as const) {
    if (value.isZero || !value.isMultipleOf(step)) {
      const kind = value.isZero ? 'positive multiple' : 'multiple';
      throw new ValidationError(
        'INVALID_WINDOW',
        `${operator} over ${parent}: ${what} ${value} is not a ${kind} of the parent's slide ${step}; ` +
          `use ${nearestMultiples(value, step)}.`,
      );
    }
  }
  return parent.context;
}
