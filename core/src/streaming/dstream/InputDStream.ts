import { DStream } from './internal.js';
import type { Duration } from '../Duration.js';
import type { RateController } from '../scheduler/RateController.js';
import type { StreamingContext } from '../StreamingContext.js';

/**
 * A stream with no parents that creates RDDs from outside data, once per batch (Spark:
 * `InputDStream`). Subclasses implement `start`, `stop` and `compute`.
 */
export abstract class InputDStream<T> extends DStream<T> {
  readonly dependencies: readonly DStream<unknown>[] = [];
  /** @internal Bounds the stream's ingestion rate when backpressure is on (Spark: `InputDStream.rateController`). */
  readonly rateController: RateController | undefined = undefined;

  constructor(context: StreamingContext) {
    super(context);
    context.graph.addInputStream(this as InputDStream<unknown>);
  }

  get slideDuration(): Duration {
    return this.context.graph.batchDuration;
  }

  /** Called when the context starts. */
  abstract start(): void;
  /** Called when the context stops; releases what `start` acquired. */
  abstract stop(): void;
}
