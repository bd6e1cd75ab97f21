import type { Duration } from '../Duration.js';
import { DStream } from './internal.js';

/** A stream computed batch by batch from one parent, at the parent's slide: most operators are one. */
export abstract class OneParentDStream<P, T> extends DStream<T> {
  readonly dependencies: readonly DStream<unknown>[];

  constructor(protected readonly parent: DStream<P>) {
    super(parent.context);
    this.dependencies = [parent];
  }

  get slideDuration(): Duration {
    return this.parent.slideDuration;
  }
}
