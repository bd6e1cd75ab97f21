import { ValidationError } from '../errors.js';
import type { EventSourceConstructor, EventSourceLike } from '../platform/PlatformSources.js';
import type { StorageLevel } from '../rdd/StorageLevel.js';
import { Receiver } from '../streaming/receiver/Receiver.js';
import { platformSource } from './platformSource.js';
import { urlWithoutSecrets } from './urlWithoutSecrets.js';

/** Options of `eventSourceStream`. */
export interface EventSourceStreamOptions {
  /** The event types to receive. Default `['message']` (events sent without an `event:` field). */
  eventTypes?: readonly string[];
  /** Send cookies with a cross-origin request (the `EventSource` option). Default false. */
  withCredentials?: boolean;
  /** Ignored on a JavaScript heap, kept for Spark parity. */
  storageLevel?: StorageLevel;
}

/**
 * Receives Server-Sent Events, one record per event: its `data` (the lines of a multi-line event
 * joined with `\n`). Rivulet's addition, shaped like Spark's `SocketReceiver`: an `EventSource`
 * reconnects by itself, but here an error or a closed stream restarts the receiver instead, so
 * reconnection follows the context's `receiverRestartDelayMs` on its clock, and is logged and
 * reported like any receiver's. Uses the global `EventSource` in browsers, `eventsource` in Node.
 */
export class EventSourceReceiver extends Receiver<string> {
  private readonly EventSource: EventSourceConstructor;
  private readonly eventTypes: readonly string[];
  private source: EventSourceLike | undefined;

  constructor(
    readonly url: string,
    private readonly options: EventSourceStreamOptions = {},
  ) {
    super(options.storageLevel);
    if (!/^https?:\/\//i.test(url) && !url.startsWith('/')) {
      throw new ValidationError('INVALID_ARGUMENT', `eventSourceStream: '${url}' is not an http(s) URL; use e.g. http://host:port/events.`);
    }
    this.eventTypes = options.eventTypes ?? ['message'];
    if (this.eventTypes.length === 0) {
      throw new ValidationError('INVALID_ARGUMENT', "eventSourceStream: eventTypes is empty, so nothing would be received; leave it out for ['message'].");
    }
    this.EventSource = platformSource('EventSource', 'eventSourceStream', 'use a platform with EventSource support');
  }

  /** The URL without user info or query, and the event types received, for the graph fingerprint. */
  override fingerprintParams(): Readonly<Record<string, string>> {
    return { url: urlWithoutSecrets(this.url), eventTypes: this.eventTypes.join(',') };
  }

  onStart(): void {
    const source = new this.EventSource(this.url, { withCredentials: this.options.withCredentials ?? false });
    this.source = source;
    const onEvent = (event: { readonly data?: unknown }): void => {
      if (this.source !== source) return;
      this.store(String(event.data)).catch((error: unknown) => {
        if (this.source === source) this.restart(`Error storing an event from ${this.url}`, error);
      });
    };
    for (const type of this.eventTypes) source.addEventListener(type, onEvent);
    source.addEventListener('error', (event) => {
      if (this.source !== source) return;
      // Stop the EventSource's own retrying: the receiver restarts on the context's clock instead.
      this.source = undefined;
      source.close();
      this.restart(`EventSource ${this.url} failed or was closed by the server`, event);
    });
  }

  onStop(): void {
    this.source?.close();
    this.source = undefined;
  }
}
