import { RivuletError } from '../../errors.js';
import type { RDD } from '../../rdd/internal.js';
import type { Duration } from '../Duration.js';
import type { Time } from '../Time.js';
import { DStream } from './internal.js';

/** The elements of several streams of the same slide, batch by batch (Spark: `UnionDStream`). */
export class UnionDStream<T> extends DStream<T> {
  readonly className = 'UnionDStream';

  constructor(readonly dependencies: readonly DStream<T>[]) {
    super(requireSameSlide(dependencies));
  }

  get slideDuration(): Duration {
    return this.dependencies[0]!.slideDuration;
  }

  compute(validTime: Time): RDD<T> | undefined {
    const rdds: RDD<T>[] = [];
    for (const parent of this.dependencies) {
      const rdd = parent.getOrCompute(validTime);
      if (!rdd) {
        throw new RivuletError('BATCH_FAILED', `${this}: couldn't generate an RDD from ${parent} to unify at ${validTime}.`);
      }
      rdds.push(rdd);
    }
    return rdds.length > 0 ? this.context.rddContext.union(rdds) : undefined;
  }
}

function requireSameSlide<T>(streams: readonly DStream<T>[]): DStream<T>['context'] {
  if (streams.length === 0) throw new RivuletError('INVALID_ARGUMENT', 'union: pass at least one stream.');
  const contexts = new Set(streams.map((s) => s.context));
  if (contexts.size > 1) throw new RivuletError('INVALID_ARGUMENT', 'union: the streams belong to different contexts.');
  const slides = new Set(streams.map((s) => s.slideDuration.milliseconds));
  if (slides.size > 1) {
    throw new RivuletError(
      'INVALID_ARGUMENT',
      `union: the streams have different slide durations (${[...slides].join(', ')} ms); window them to the same slide first.`,
    );
  }
  return streams[0]!.context;
}
