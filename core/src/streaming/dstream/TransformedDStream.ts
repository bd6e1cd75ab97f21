import { RivuletError } from '../../errors.js';
import { RDD } from '../../rdd/internal.js';
import type { Duration } from '../Duration.js';
import type { Time } from '../Time.js';
import { DStream } from './internal.js';

/**
 * Applies an arbitrary RDD function to the parents' RDDs of each batch (Spark:
 * `TransformedDStream`): the basis of `transform`, `transformWith` and `ssc.transform`.
 */
export class TransformedDStream<U> extends DStream<U> {
  readonly className = 'TransformedDStream';

  constructor(
    readonly dependencies: readonly DStream<unknown>[],
    private readonly transformFunc: (rdds: RDD<unknown>[], time: Time) => RDD<U>,
    private readonly operatorName: string,
  ) {
    super(requireParents(dependencies));
    const slides = new Set(dependencies.map((d) => d.slideDuration.milliseconds));
    if (slides.size > 1) {
      throw new RivuletError(
        'INVALID_ARGUMENT',
        `${operatorName}: the streams have different slide durations (${[...slides].join(', ')} ms); ` +
          'window them to the same slide first.',
      );
    }
  }

  override fingerprintParams(): Readonly<Record<string, string>> {
    return { operator: this.operatorName };
  }

  get slideDuration(): Duration {
    return this.dependencies[0]!.slideDuration;
  }

  compute(validTime: Time): RDD<U> {
    const rdds = this.dependencies.map((parent) => {
      const rdd = parent.getOrCompute(validTime);
      if (!rdd) throw new RivuletError('BATCH_FAILED', `${this}: couldn't generate an RDD from ${parent} at ${validTime}.`);
      return rdd;
    });
    const result = this.transformFunc(rdds, validTime);
    if (!(result instanceof RDD)) {
      throw new RivuletError(
        'TRANSFORM_RETURNED_NO_RDD',
        `${this}: the ${this.operatorName} function returned ${String(result)} instead of an RDD at ${validTime}; ` +
          'return rdd.context.emptyRDD() to represent no elements.',
      );
    }
    return result;
  }
}

function requireParents(parents: readonly DStream<unknown>[]): DStream<unknown>['context'] {
  if (parents.length === 0) {
    throw new RivuletError('INVALID_ARGUMENT', 'transform: pass at least one stream.');
  }
  return parents[0]!.context;
}
