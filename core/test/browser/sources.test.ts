/**
 * The sources in Chromium: `webSocketTextStream` and `eventSourceStream` on the browser's own
 * `WebSocket` and `EventSource` (the same suite, by name, as in Node), against the loopback server
 * the project's globalSetup started; and the Node-only sources failing at once with a pointer to
 * what works in a browser.
 */
import '../../src/browser.ts';
import { describe, expect, inject, it } from 'vitest';
import { ManualClock, Seconds, StreamingContext, type RivuletError } from '../../src/index.ts';
import { describeMessageSources } from '../support/messageSourceSuite.ts';
import { silent } from '../support/receiverEvents.ts';

describeMessageSources(() => inject('loopbackPort'));

describe('Node-only sources in the browser', () => {
  const context = () => new StreamingContext({ batchDuration: Seconds(1), clock: new ManualClock(), logger: silent });

  it('socketTextStream throws PLATFORM_UNSUPPORTED and points to webSocketTextStream', () => {
    expect(typeof window).toBe('object'); // really in the browser
    let error: RivuletError | undefined;
    try {
      context().socketTextStream('localhost', 9999);
    } catch (e) {
      error = e as RivuletError;
    }
    expect(error?.name).toBe('IllegalStateError');
    expect(error?.code).toBe('PLATFORM_UNSUPPORTED');
    expect(error?.message).toMatch(/socketTextStream needs TCP sockets.*ssc\.webSocketTextStream\(url\)/);
  });

  it('textFileStream throws PLATFORM_UNSUPPORTED', () => {
    expect(() => context().textFileStream('/tmp/in')).toThrow(/textFileStream needs a local file system, which the browser platform/);
  });
});
