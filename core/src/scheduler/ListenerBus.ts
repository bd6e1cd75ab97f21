import { messageOf } from '../errors.js';
import type { Logger } from '../util/Logger.js';

/**
 * Delivers events to listeners synchronously, in registration order. A listener that throws is
 * logged and skipped, so one broken listener cannot fail a job (Spark: `ListenerBus`).
 */
export class ListenerBus<L extends object, E extends { type: string }> {
  private listeners: L[] = [];

  constructor(
    private readonly methodOf: (event: E) => keyof L,
    private readonly logger: Logger,
  ) {}

  add(listener: L): void {
    this.listeners = [...this.listeners, listener];
  }

  remove(listener: L): void {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }

  get size(): number {
    return this.listeners.length;
  }

  post(event: E): void {
    const method = this.methodOf(event);
    for (const listener of this.listeners) {
      const handler = listener[method];
      if (typeof handler !== 'function') continue;
      try {
        handler.call(listener, event);
      } catch (error) {
        this.logger.error(`Listener threw on ${event.type}: ${messageOf(error)}`, error);
      }
    }
  }
}
