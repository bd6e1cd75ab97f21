import type { EngineClient, EngineEvent } from 'rivulet';
import { createEngine } from '../../engine';

/**
 * The run's engine worker (`createEngine`, comlink): started when first needed, subscribed to
 * its events, and ended on request — a reset, or a simulated driver failure.
 */
export class EngineConnection {
  readonly #onevent: (event: EngineEvent) => void;
  #client: EngineClient | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(onevent: (event: EngineEvent) => void) {
    this.#onevent = onevent;
  }

  /** The worker, while it lives (not ended, and not terminated by the watchdog). */
  get current(): EngineClient | undefined {
    return this.#client && !this.#client.isTerminated ? this.#client : undefined;
  }

  /** Whether a worker was started and not ended by `end()` (it may have been terminated since). */
  get isStarted(): boolean {
    return this.#client !== undefined;
  }

  /** The live worker, or else a new one. */
  live(): EngineClient {
    return this.current ?? this.connect();
  }

  /** A new worker, subscribed; the previous one is ended first. */
  connect(): EngineClient {
    this.end();
    const client = createEngine();
    this.#client = client;
    this.#unsubscribe = client.subscribe(this.#onevent);
    return client;
  }

  /** Ends the worker, if any, without waiting for anything: its run just stops. */
  end(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#client?.terminate();
    this.#client = undefined;
  }
}
