import type { Time } from '../Time.js';
import type { StreamInputInfo } from './BatchInfo.js';

/** Collects what each input stream received per batch, for `BatchInfo` (Spark: `InputInfoTracker`). */
export class InputInfoTracker {
  private readonly byBatch = new Map<number, Map<number, StreamInputInfo>>();

  reportInfo(batchTime: Time, info: StreamInputInfo): void {
    let infos = this.byBatch.get(batchTime.milliseconds);
    if (!infos) this.byBatch.set(batchTime.milliseconds, (infos = new Map()));
    infos.set(info.inputStreamId, info);
  }

  getInfo(batchTime: Time): ReadonlyMap<number, StreamInputInfo> {
    return this.byBatch.get(batchTime.milliseconds) ?? new Map();
  }

  /** Forgets batches older than `batchThreshold`. */
  cleanup(batchThreshold: Time): void {
    for (const ms of this.byBatch.keys()) if (ms < batchThreshold.milliseconds) this.byBatch.delete(ms);
  }
}
