/**
 * What editorResponsiveness.bench.ts runs inside the editor's page (through `page.evaluate`): a
 * probe of the main thread's frames, long tasks and input, and the hand-written baseline that does
 * a batch's work on the main thread. Playwright sends each function's source to the page, so every
 * function here is self-contained: no imports, no module-level helpers. Not a benchmark itself
 * (run.mjs only runs `*.bench.ts`).
 */

/** A script that ran in a long animation frame (Chromium's `PerformanceScriptTiming`, trimmed). */
export interface ScriptTiming {
  /** What called it: `FrameRequestCallback`, `MessagePort.onmessage`, `BUTTON.onclick`… */
  readonly invoker: string;
  readonly invokerType: string;
  /** The script's file, function name (minified in the built editor) and character position: `index-….js:e@1234`. */
  readonly source: string;
  readonly durationMs: number;
  readonly forcedLayoutMs: number;
}

/** A long animation frame (≥ 50 ms from its first task to its paint), Chromium's `long-animation-frame` entry. */
export interface LongFrame {
  readonly durationMs: number;
  /** Of it, the time past 50 ms in its longest tasks: how long input waited at worst. */
  readonly blockingMs: number;
  /** From the start of rendering (rAF callbacks, style, layout, paint) to the frame's end. */
  readonly renderMs: number;
  /** Of that, style and layout. */
  readonly styleAndLayoutMs: number;
  readonly scripts: readonly ScriptTiming[];
}

/** What the probe saw between `startProbe` and `stopProbe`, in the page's `performance.now()` ms. */
export interface ProbeResult {
  readonly windowMs: number;
  /** Every `requestAnimationFrame` timestamp: the frames the main thread produced. */
  readonly frames: readonly number[];
  /** `longtask` entries: main-thread tasks over 50 ms. */
  readonly longTasks: readonly { readonly startMs: number; readonly durationMs: number }[];
  readonly longFrames: readonly LongFrame[];
  /**
   * Each `pointerdown` (capture, on the document): from the event's `timeStamp` (when the browser
   * received it) to its first listener (`delayMs`), and to the next animation frame (`toFrameMs`).
   */
  readonly inputs: readonly { readonly delayMs: number; readonly toFrameMs: number }[];
  /** Event Timing entries of 16 ms or more: from input to the paint after its handlers. */
  readonly slowEvents: readonly { readonly name: string; readonly durationMs: number; readonly delayMs: number }[];
}

/** Starts the probe on the page; `stopProbe` ends it and returns what it saw. */
export function startProbe(): void {
  const frames: number[] = [];
  const longTasks: { startMs: number; durationMs: number }[] = [];
  const longFrames: LongFrame[] = [];
  const inputs: { delayMs: number; toFrameMs: number }[] = [];
  const slowEvents: { name: string; durationMs: number; delayMs: number }[] = [];
  let isOn = true;
  const tick = (t: number): void => {
    if (!isOn) return;
    frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  type Entry = PerformanceEntry & Record<string, unknown>;
  const observers: { observer: PerformanceObserver; each: (e: Entry) => void }[] = [];
  const observe = (options: PerformanceObserverInit & { durationThreshold?: number }, each: (e: Entry) => void): void => {
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => each(e as Entry)));
    observer.observe(options); // an unsupported type is ignored, with a console warning
    observers.push({ observer, each });
  };
  observe({ type: 'longtask' }, (e) => longTasks.push({ startMs: e.startTime, durationMs: e.duration }));
  observe({ type: 'long-animation-frame' }, (e) => {
    const end = e.startTime + e.duration;
    const scripts = (e.scripts as Entry[]).map((s) => ({
      invoker: String(s.invoker),
      invokerType: String(s.invokerType),
      source: `${String(s.sourceURL).split('/').pop()}:${String(s.sourceFunctionName) || '(anonymous)'}@${Number(s.sourceCharPosition)}`,
      durationMs: s.duration,
      forcedLayoutMs: Number(s.forcedStyleAndLayoutDuration),
    }));
    longFrames.push({
      durationMs: e.duration,
      blockingMs: Number(e.blockingDuration),
      renderMs: Number(e.renderStart) > 0 ? end - Number(e.renderStart) : 0,
      styleAndLayoutMs: Number(e.styleAndLayoutStart) > 0 ? end - Number(e.styleAndLayoutStart) : 0,
      scripts,
    });
  });
  observe({ type: 'event', durationThreshold: 16 }, (e) =>
    slowEvents.push({ name: e.name, durationMs: e.duration, delayMs: Number(e.processingStart) - e.startTime }),
  );

  const ondown = (event: PointerEvent): void => {
    const at = performance.now();
    requestAnimationFrame(() => inputs.push({ delayMs: at - event.timeStamp, toFrameMs: performance.now() - event.timeStamp }));
  };
  document.addEventListener('pointerdown', ondown, { capture: true });

  const started = performance.now();
  (window as unknown as { __probe: { stop(): ProbeResult } }).__probe = {
    stop() {
      isOn = false;
      document.removeEventListener('pointerdown', ondown, { capture: true });
      for (const { observer, each } of observers) {
        observer.takeRecords().forEach((e) => each(e as Entry)); // entries not yet delivered
        observer.disconnect();
      }
      return { windowMs: performance.now() - started, frames, longTasks, longFrames, inputs, slowEvents };
    },
  };
}

/** Ends the probe that `startProbe` started and returns what it saw. */
export function stopProbe(): ProbeResult {
  return (window as unknown as { __probe: { stop(): ProbeResult } }).__probe.stop();
}

/**
 * The hand-written counterpart of the firehose pipeline on the main thread: every second, a batch
 * of `rate` words (generatorStream's `words`: its 100 `COMMON_WORDS`, passed in, Zipf-distributed, each
 * record a hash of (seed, index)), mapped to `[word, 1]`, reduced by key into a `Map`, and its
 * first ten pairs formatted as print() would. What the page would do if the engine ran on it.
 */
export function startMainThreadBatches({ rate, seed, words }: { rate: number; seed: number; words: readonly string[] }): void {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) cumulative[r] = total += 1 / (r + 1);
  const mix = (x: number): number => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  const word = (index: number): string => {
    let h = mix(seed ^ 0x9e3779b9);
    h = mix(h ^ (index >>> 0));
    h = mix(h ^ Math.floor(index / 0x100000000));
    h = mix(h ^ Math.imul(1, 0x85ebca6b)); // the first draw of a record (salt 0)
    const x = (h / 0x100000000) * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };

  let next = 0;
  const batchMs: number[] = [];
  const printed: string[] = [];
  const batch = (): void => {
    const start = performance.now();
    const lines = new Array<string>(rate);
    for (let i = 0; i < rate; i++) lines[i] = word(next++);
    const pairs = lines.map((w) => [w, 1] as const);
    const counts = new Map<string, number>();
    for (const [w, n] of pairs) counts.set(w, (counts.get(w) ?? 0) + n);
    printed.push(
      Array.from(counts)
        .slice(0, 10)
        .map(([w, n]) => `(${w},${n})`)
        .join('\n'),
    );
    batchMs.push(performance.now() - start);
  };
  const timer = setInterval(batch, 1000);
  (window as unknown as { __mainThreadBatches: MainThreadBatches }).__mainThreadBatches = {
    batchMs,
    stop() {
      clearInterval(timer);
      return batchMs;
    },
  };
}

interface MainThreadBatches {
  /** Each batch's ms on the main thread. */
  readonly batchMs: readonly number[];
  stop(): readonly number[];
}

/** How many batches `startMainThreadBatches` has run so far. */
export function mainThreadBatchCount(): number {
  return (window as unknown as { __mainThreadBatches: MainThreadBatches }).__mainThreadBatches.batchMs.length;
}

/** Stops the batches of `startMainThreadBatches`; each batch's ms on the main thread. */
export function stopMainThreadBatches(): readonly number[] {
  return (window as unknown as { __mainThreadBatches: MainThreadBatches }).__mainThreadBatches.stop();
}
