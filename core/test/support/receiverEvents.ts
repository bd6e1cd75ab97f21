/** Test helpers for sources: receiver events to wait on, and each batch's records. */
import type { DStream, Logger, StreamingContext, StreamingListenerEvent } from '../../src/index.js';

/** A logger that keeps quiet: restarts are expected in these tests. */
export const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Receiver events as they arrive, with promises that resolve once enough of a kind arrived. */
export class ReceiverEvents {
  readonly seen: StreamingListenerEvent[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(ssc: StreamingContext) {
    const record = (event: StreamingListenerEvent): void => {
      this.seen.push(event);
      for (const wake of this.waiters.splice(0)) wake();
    };
    ssc.addStreamingListener({ onReceiverStarted: record, onReceiverStopped: record, onReceiverError: record });
  }

  count(type: StreamingListenerEvent['type']): number {
    return this.seen.filter((e) => e.type === type).length;
  }

  /** Resolves once `n` events of `type` have been seen. */
  async until(type: StreamingListenerEvent['type'], n: number): Promise<void> {
    while (this.count(type) < n) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

/** Each batch's records, in order. */
export function collect<T>(stream: DStream<T>): T[][] {
  const out: T[][] = [];
  stream.foreachRDD(async (rdd) => {
    out.push(await rdd.collect());
  });
  return out;
}
