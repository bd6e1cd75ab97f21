import type { EngineEvent } from './EngineEvent.js';
import type { RealTimer } from './RealTimer.js';

/** How the queue bounds what reaches the page. */
export interface EventQueueLimits {
  /** At least this many real ms between the starts of two deliveries: at most 1000 / this deliveries a second. */
  readonly minDeliveryIntervalMs: number;
  /** Batches whose events may wait undelivered; beyond it the oldest batch's events are dropped. */
  readonly maxPendingBatches: number;
  /** `logged` events that may wait undelivered; beyond it new ones are counted and dropped. */
  readonly maxPendingLogs: number;
}

export const defaultEventQueueLimits: EventQueueLimits = {
  minDeliveryIntervalMs: 100,
  maxPendingBatches: 3,
  maxPendingLogs: 50,
};

/**
 * Coalesces the host's events so that a fast pipeline cannot flood the page. The policy:
 * - Events are delivered in chunks (one message each), at most one chunk in flight — the next
 *   waits until the subscriber's promise settles (the page's own pace) — and chunks start at least
 *   `minDeliveryIntervalMs` apart.
 * - Events of a batch (its listener events, inspection snapshot, printed lines and collected
 *   records) are kept or dropped together. When more than `maxPendingBatches` batches wait, the
 *   oldest one's events are dropped and counted in one `eventsDropped` event, sent first in the
 *   next chunk.
 * - `rateUpdated` events merge: only the latest per stream waits. `logged` events beyond
 *   `maxPendingLogs` are dropped and counted.
 * - Nothing else is ever dropped: errors (`errorReported`), state changes and receiver events
 *   are always delivered, in order.
 * - `flush()` delivers everything waiting at once, regardless of the interval (the host calls it
 *   before `step()` and `stop()` return, so a stepping caller sees every event of its batch).
 */
export class EventQueue {
  private pending: EngineEvent[] = [];
  /** Batch times with events waiting, oldest first. */
  private pendingBatches: number[] = [];
  private pendingLogs = 0;
  private dropped: { batches: number; first: number; last: number; logs: number } | undefined;
  private inFlight: Promise<void> | undefined;
  private lastDeliveryAt = Number.NEGATIVE_INFINITY;
  private timerHandle: unknown;

  constructor(
    /** Hands a chunk to the subscriber; must not reject (the host reports delivery failures itself). */
    private readonly deliver: (events: EngineEvent[]) => Promise<void>,
    private readonly timer: RealTimer,
    private readonly limits: EventQueueLimits = defaultEventQueueLimits,
  ) {}

  /** Queues an event and schedules a delivery. */
  push(event: EngineEvent): void {
    if (event.type === 'rateUpdated') {
      this.pending = this.pending.filter((e) => !(e.type === 'rateUpdated' && e.streamId === event.streamId));
    } else if (event.type === 'logged') {
      if (this.pendingLogs === this.limits.maxPendingLogs) {
        this.noteDropped(undefined, 1);
        this.schedule();
        return;
      }
      this.pendingLogs++;
    }
    const batch = batchOf(event);
    if (batch !== undefined && !this.pendingBatches.includes(batch)) {
      this.pendingBatches.push(batch);
      if (this.pendingBatches.length > this.limits.maxPendingBatches) this.dropBatch(this.pendingBatches.shift()!);
    }
    this.pending.push(event);
    this.schedule();
  }

  /** Delivers everything waiting now; settles once the subscriber has taken it. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.inFlight) await this.inFlight;
    if (this.hasPending()) await this.startDelivery();
  }

  /** Forgets everything waiting and cancels the next delivery. */
  clear(): void {
    this.cancelTimer();
    this.take();
  }

  /** How many events wait (for tests and status). */
  get size(): number {
    return this.pending.length;
  }

  private hasPending(): boolean {
    return this.pending.length > 0 || this.dropped !== undefined;
  }

  private schedule(): void {
    if (this.inFlight || this.timerHandle !== undefined || !this.hasPending()) return;
    const wait = Math.max(0, this.lastDeliveryAt + this.limits.minDeliveryIntervalMs - this.timer.now());
    this.timerHandle = this.timer.setTimeout(() => {
      this.timerHandle = undefined;
      void this.startDelivery();
    }, wait);
  }

  private startDelivery(): Promise<void> {
    this.cancelTimer();
    const events = this.take();
    if (events.length === 0) return Promise.resolve();
    this.lastDeliveryAt = this.timer.now();
    const delivery = this.deliver(events).finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    this.inFlight = delivery;
    return delivery;
  }

  private take(): EngineEvent[] {
    const events = this.pending;
    const dropped = this.dropped;
    this.pending = [];
    this.pendingBatches = [];
    this.pendingLogs = 0;
    this.dropped = undefined;
    if (!dropped) return events;
    const summary: EngineEvent = {
      type: 'eventsDropped',
      batches: dropped.batches,
      ...(dropped.batches > 0 ? { firstBatchTimeMs: dropped.first, lastBatchTimeMs: dropped.last } : {}),
      logs: dropped.logs,
    };
    return [summary, ...events];
  }

  private dropBatch(batchTimeMs: number): void {
    this.pending = this.pending.filter((e) => batchOf(e) !== batchTimeMs);
    this.noteDropped(batchTimeMs, 0);
  }

  private noteDropped(batchTimeMs: number | undefined, logs: number): void {
    const d = (this.dropped ??= { batches: 0, first: Number.NaN, last: Number.NaN, logs: 0 });
    d.logs += logs;
    if (batchTimeMs === undefined) return;
    d.batches++;
    if (!(d.first <= batchTimeMs)) d.first = batchTimeMs;
    if (!(d.last >= batchTimeMs)) d.last = batchTimeMs;
  }

  private cancelTimer(): void {
    if (this.timerHandle === undefined) return;
    this.timer.clearTimeout(this.timerHandle);
    this.timerHandle = undefined;
  }
}

/** The batch an event belongs to, for the events that are dropped together with their batch. */
function batchOf(event: EngineEvent): number | undefined {
  switch (event.type) {
    case 'batchSubmitted':
    case 'batchStarted':
    case 'batchCompleted':
      return event.batchInfo.batchTimeMs;
    case 'outputOperationStarted':
    case 'outputOperationCompleted':
      return event.outputOperationInfo.batchTimeMs;
    case 'batchInspected':
      return event.snapshot.batchTimeMs;
    case 'linesPrinted':
    case 'collected':
      return event.batchTimeMs;
    default:
      return undefined;
  }
}
