import { BlockRDD, type RDD } from '../../rdd/internal.js';
import type { Receiver } from '../receiver/Receiver.js';
import { createRateEstimator, type RateEstimator } from '../scheduler/rate/RateEstimator.js';
import { RateController } from '../scheduler/RateController.js';
import type { ReceiverTracker } from '../scheduler/ReceiverTracker.js';
import type { StreamingContext } from '../StreamingContext.js';
import type { Time } from '../Time.js';
import { InputDStream } from './internal.js';

/**
 * The stream of a `Receiver` (Spark: `ReceiverInputDStream`, created by `receiverStream` as a
 * `PluggableInputDStream`). The receiver runs from start to stop under the `ReceiverTracker`; each
 * batch's RDD has one partition per block received since the previous batch, and an empty RDD
 * when there were none. With backpressure on, its rate controller bounds the receiver's rate.
 */
export class ReceiverInputDStream<T> extends InputDStream<T> {
  readonly className = 'ReceiverInputDStream';
  override readonly rateController: RateController | undefined;

  constructor(
    context: StreamingContext,
    private readonly receiver: Receiver<T>,
  ) {
    super(context);
    receiver.setReceiverId(this.id);
    const tracker = context.receiverTracker;
    this.rateController = tracker.conf.backpressure
      ? new ReceiverRateController(
          this.id,
          createRateEstimator(context.graph.batchDuration.milliseconds, tracker.conf.pid),
          tracker,
        )
      : undefined;
  }

  /** The receiver that feeds this stream (Spark: `getReceiver`). */
  getReceiver(): Receiver<T> {
    return this.receiver;
  }

  /** @internal The receiver's class and its own parameters (see `Receiver.fingerprintParams`). */
  override fingerprintParams(): Readonly<Record<string, string | number | boolean>> {
    return { ...this.receiver.fingerprintParams(), receiver: this.receiver.constructor.name };
  }

  /** The receiver is started by the ReceiverTracker, after the graph. */
  start(): void {}

  stop(): void {}

  /** The batch's blocks as partitions, and their record count for `BatchInfo.numRecords` (Spark: `ReceiverInputDStream.compute`). */
  compute(validTime: Time): RDD<T> {
    const blocks = this.context.receiverTracker.getBlocksOfBatchAndStream(validTime, this.id);
    let numRecords = 0;
    for (const block of blocks) numRecords += block.numRecords;
    this.context.reportInputInfo(validTime, { inputStreamId: this.id, numRecords });
    return new BlockRDD(
      this.context.rddContext,
      blocks.map((block) => ({ id: block.blockId, records: block.records as readonly T[] })),
    );
  }
}

/** Publishes the estimated rate to the stream's receiver (Spark: `ReceiverInputDStream.ReceiverRateController`). */
class ReceiverRateController extends RateController {
  constructor(
    streamUID: number,
    estimator: RateEstimator,
    private readonly tracker: ReceiverTracker,
  ) {
    super(streamUID, estimator);
  }

  protected publish(rate: number): void {
    this.tracker.sendRateUpdate(this.streamUID, rate);
  }
}
