/** Synchronous event delivery where one broken listener cannot hurt the others (Spark: `ListenerBus`). */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/index.js';
import { ListenerBus } from '../../../src/scheduler/ListenerBus.js';

type Event = { type: 'started'; n: number } | { type: 'ended'; n: number };
interface Listener {
  onStarted?(e: Event): void;
  onEnded?(e: Event): void;
}
const methodOf = (e: Event): keyof Listener => (e.type === 'started' ? 'onStarted' : 'onEnded');

function recordingLogger(): Logger & { errors: unknown[][] } {
  const errors: unknown[][] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (...args) => void errors.push(args) };
}

describe('ListenerBus', () => {
  it('delivers each event to the matching method of every listener, in registration order', () => {
    const bus = new ListenerBus<Listener, Event>(methodOf, recordingLogger());
    const seen: string[] = [];
    bus.add({ onStarted: (e) => void seen.push(`a started ${e.n}`), onEnded: (e) => void seen.push(`a ended ${e.n}`) });
    bus.add({ onEnded: (e) => void seen.push(`b ended ${e.n}`) });
    bus.post({ type: 'started', n: 1 });
    bus.post({ type: 'ended', n: 1 });
    expect(seen).toEqual(['a started 1', 'a ended 1', 'b ended 1']);
    expect(bus.size).toBe(2);
  });

  it('calls a listener method with the listener as `this`', () => {
    const bus = new ListenerBus<Listener, Event>(methodOf, recordingLogger());
    const listener = {
      count: 0,
      onStarted(this: { count: number }) {
        this.count++;
      },
    };
    bus.add(listener);
    bus.post({ type: 'started', n: 1 });
    expect(listener.count).toBe(1);
  });

  it('logs a listener that throws and still delivers to the next one', () => {
    const logger = recordingLogger();
    const bus = new ListenerBus<Listener, Event>(methodOf, logger);
    const failure = new Error('bad listener');
    const seen: number[] = [];
    bus.add({
      onStarted: () => {
        throw failure;
      },
    });
    bus.add({ onStarted: (e) => void seen.push(e.n) });
    expect(() => bus.post({ type: 'started', n: 7 })).not.toThrow();
    expect(seen).toEqual([7]);
    expect(logger.errors).toEqual([[expect.stringMatching(/started.*bad listener/), failure]]);
  });

  it('stops delivering to a removed listener', () => {
    const bus = new ListenerBus<Listener, Event>(methodOf, recordingLogger());
    const seen: number[] = [];
    const listener: Listener = { onStarted: (e) => void seen.push(e.n) };
    bus.add(listener);
    bus.post({ type: 'started', n: 1 });
    bus.remove(listener);
    bus.post({ type: 'started', n: 2 });
    expect(seen).toEqual([1]);
    expect(bus.size).toBe(0);
  });

  it('a listener added while an event is delivered hears only later events', () => {
    const bus = new ListenerBus<Listener, Event>(methodOf, recordingLogger());
    const late: number[] = [];
    bus.add({ onStarted: () => bus.add({ onStarted: (e) => void late.push(e.n) }) });
    bus.post({ type: 'started', n: 1 });
    expect(late).toEqual([]);
    bus.post({ type: 'started', n: 2 });
    expect(late).toEqual([2]);
  });
});
