import { ValidationError } from '../../errors.js';
import type { RealTimer } from './RealTimer.js';

/** The playback speeds `setSpeed` accepts: 4× slower to 4× faster than real time. */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

/** Throws a `ValidationError` unless `factor` is a speed `setSpeed` accepts. */
export function checkSpeed(factor: number): void {
  if (typeof factor === 'number' && factor >= MIN_SPEED && factor <= MAX_SPEED) return;
  throw new ValidationError(
    'INVALID_ARGUMENT',
    `setSpeed: ${factor} is not a speed from ${MIN_SPEED} to ${MAX_SPEED}; use 1 for real time, 2 for twice as fast.`,
  );
}

/**
 * Runs the host's batches on a real timer while the engine itself stays on a `ManualClock`: every
 * `batchMs / speed` real ms it calls `runBatch`, which advances the manual clock by one batch. So
 * batch times stay the deterministic multiples of the batch interval whatever the speed, `step()`
 * is the same call, and pausing is just not calling it.
 *
 * Batches never overlap: a batch that runs past the next due time delays the ones after it, and
 * their due times do not move, so the lateness (`runBatch`'s `dueAt` versus now) grows exactly as
 * Spark's scheduling delay does when processing is slower than the batch interval:
 *
 *   due:      d0          d1          d2          d3
 *   batches:  [== b1 ========][== b2 ========][== b3 ...
 *   late by:  0               +x              +2x
 */
export class Pacer {
  private speed_ = 1;
  private running = false;
  private dueAt = 0;
  private handle: unknown;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly timer: RealTimer,
    private readonly batchMs: number,
    /** Runs one batch; `dueAt` is the real time (`timer.now()`) it was due. Must not reject. */
    private readonly runBatch: (dueAt: number) => Promise<void>,
  ) {}

  get speed(): number {
    return this.speed_;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Real ms between two batches at the current speed. */
  get intervalMs(): number {
    return this.batchMs / this.speed_;
  }

  /** Starts pacing: the first batch is due one interval from now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.dueAt = this.timer.now() + this.intervalMs;
    if (!this.inFlight) this.schedule();
  }

  /** Stops pacing; settles once the batch in flight (if any) has finished. */
  async pause(): Promise<void> {
    this.running = false;
    this.cancel();
    await this.inFlight;
  }

  /** Sets the playback speed (batch interval ÷ `factor` in real time), from 0.25 to 4. */
  setSpeed(factor: number): void {
    checkSpeed(factor);
    const previousDue = this.dueAt - this.intervalMs;
    this.speed_ = factor;
    if (!this.running || this.inFlight) return;
    // Waiting for the next batch: keep the last due time, re-space the next one.
    this.dueAt = previousDue + this.intervalMs;
    this.schedule();
  }

  private schedule(): void {
    this.cancel();
    this.handle = this.timer.setTimeout(() => {
      this.handle = undefined;
      void this.fire();
    }, Math.max(0, this.dueAt - this.timer.now()));
  }

  private async fire(): Promise<void> {
    if (!this.running) return;
    const dueAt = this.dueAt;
    this.inFlight = this.runBatch(dueAt);
    await this.inFlight;
    this.inFlight = undefined;
    if (!this.running) return;
    // Unless a pause and start in the meantime set a new due time, the next batch is one interval on.
    if (this.dueAt === dueAt) this.dueAt = dueAt + this.intervalMs;
    this.schedule();
  }

  private cancel(): void {
    if (this.handle === undefined) return;
    this.timer.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
