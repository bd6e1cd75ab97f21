/**
 * Does the editor stay responsive — its main thread never blocked by the engine — while a pipeline
 * processes 100,000 records a second? The built editor (editor/dist, served by `vite preview`)
 * runs in Chromium at 1280×800 with the firehose pipeline of test/e2e/run.test.ts (a generatorStream
 * of `--rate` words a second → map → reduceByKey → print, opened from a shared link) and the
 * charts tab open. For `--seconds` the page records every animation frame (its own rAF loop, so
 * the page renders every frame in every scenario), long task and long animation frame, while
 * Playwright clicks the canvas every `--clickEveryMs` ms and the page times each click to its first
 * listener and to the next frame (pageProbe.ts); CDP's Performance.getMetrics gives the main
 * thread's task time and CPU time over the window. Four scenarios, one after the other, each in a
 * fresh browser context:
 *
 *   idle                    the pipeline loaded, not running: what the page costs by itself;
 *   worker                  the pipeline running in the engine's Web Worker, as the editor runs it;
 *   worker, reduced motion  the same with `prefers-reduced-motion: reduce`, which stops the
 *                           editor's motion (packets along edges, dots' beats, timeline bar);
 *   main thread             the editor idle while a hand-written loop does a batch's work (make the
 *                           words, pair them, count them in a Map, format ten) on the main thread
 *                           every second: what blocking on the engine would look like.
 *
 * `--trace 1` also records a Chromium trace of each window (which slows the page) and prints what
 * the main thread's tasks were, wall-clock against CPU time. It prints figures and asserts nothing
 * about time.
 *
 *   node test/bench/run.mjs editorResponsiveness [--seconds 10] [--rate 100000] [--clickEveryMs 250]
 *                                                [--warmupBatches 2] [--seed 1] [--trace 0|1]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { PipelineNode, PipelineSpec } from 'rivulet';
import { COMMON_WORDS } from '../../core/src/connectors/syntheticRecords.ts';
import { launchChromium } from '../e2e/chromium.ts';
import { editorDist, previewServer, sharedLinkTo } from '../e2e/editorFixture.ts';
import { EditorPage } from '../e2e/editorPage.ts';
import { summariseMainThread, traceCategories, type MainThreadSummary } from './chromiumTrace.ts';
import { mainThreadBatchCount, startMainThreadBatches, startProbe, stopMainThreadBatches, stopProbe, type LongFrame, type ProbeResult } from './pageProbe.ts';
import { fmt, median, parseOptions, percentile, printTable } from './support.ts';

const options = parseOptions('editorResponsiveness.bench', process.argv.slice(2), {
  seconds: 10,
  rate: 100_000,
  clickEveryMs: 250,
  warmupBatches: 2,
  seed: 1,
  /** 1: record a Chromium trace of each window (it slows the page) and summarise its main thread. */
  trace: 0,
});

/** The pipeline of run.test.ts's "keeps the page responsive at 100,000 records a second", at `rate`. */
function firehose(rate: number, seed: number): PipelineSpec {
  const nodes: Omit<PipelineNode, 'position'>[] = [
    { id: 'words', operator: 'generatorStream', params: { kind: 'words', ratePerSecond: rate, seed } },
    { id: 'pairs', operator: 'map', params: { mapFunc: '(w) => [w, 1]' } },
    { id: 'counts', operator: 'reduceByKey', params: { reduceFunc: '(a, b) => a + b' } },
    { id: 'print', operator: 'print', params: {} },
  ];
  return {
    version: 1,
    name: 'Firehose',
    batchDurationMs: 1000,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 260 * i, y: 0 } })),
    edges: nodes.slice(1).map((node, i) => ({ id: `e${i + 1}`, source: nodes[i]!.id, target: node.id })),
  };
}

// ---- Scenarios ----

/** What a scenario's batches cost, as the page tells it after the window. */
interface BatchReport {
  readonly recordsPerBatch: number;
  /** What one batch cost. */
  readonly batchMs: string;
  /** The input rate the charts show (records per second of stream time), if any. */
  readonly shownRate: string;
}

interface Scenario {
  readonly name: string;
  /** `prefers-reduced-motion: reduce` (the editor then stops its running animations). */
  readonly isReducedMotion?: boolean;
  /** After the editor opened with the charts tab, before the window. */
  before(editor: EditorPage): Promise<void>;
  /** Batches completed so far; read at both ends of the window. */
  batchesDone(page: Page): Promise<number>;
  /** After the window: what its batches (those after the first `batchesAtStart`) cost; then it stops them. */
  after(editor: EditorPage, batchesAtStart: number): Promise<BatchReport>;
}

const idle: Scenario = {
  name: 'idle',
  before: async () => {},
  batchesDone: async () => 0,
  after: async () => ({ recordsPerBatch: 0, batchMs: '–', shownRate: '–' }),
};

const chartAverage = (page: Page, chart: string): Promise<string> =>
  page.locator(`[data-chart="${chart}"] .avg b`).textContent().then((t) => t ?? '?');

const worker: Scenario = {
  name: 'worker',
  async before(editor) {
    const { page, run } = editor;
    if (await page.getByTestId('run-primary').isDisabled()) {
      const problems = await Promise.all(['words', 'pairs', 'counts', 'print'].map((id) => editor.nodeProblems(id)));
      throw new Error(`worker: the editor will not run the pipeline: ${problems.filter(Boolean).join('; ')}`);
    }
    await page.getByTestId('run-primary').click();
    await page.getByRole('button', { name: 'Run it' }).click(); // a shared link asks first
    await run.waitForStatus('running');
    await page.waitForFunction(
      (n) => Number.parseInt(document.querySelector('[data-testid="batches-done"]')?.textContent ?? '0', 10) >= n,
      options.warmupBatches,
      { timeout: 60_000, polling: 100 },
    );
  },
  batchesDone: (page) => page.getByTestId('batches-done').textContent().then((t) => Number.parseInt(t ?? '0', 10)),
  async after({ page, run }) {
    const report: BatchReport = {
      recordsPerBatch: (await run.nodeRecords('words')) ?? 0,
      batchMs: `${await chartAverage(page, 'processingMs')} avg in the worker, ${await chartAverage(page, 'schedulingDelayMs')} avg delay`,
      shownRate: await chartAverage(page, 'inputRate'),
    };
    if ((await run.status()) !== 'running') throw new Error(`worker: the run is ${await run.status()}, not running`);
    await page.getByRole('button', { name: 'Pause' }).click(); // the page must still obey at once
    await run.waitForStatus('paused');
    return report;
  },
};

/** The same with reduced motion: no packets along the edges, no beats of the status dot and the nodes' dots. */
const workerStill: Scenario = { ...worker, name: 'worker, reduced motion', isReducedMotion: true };

const mainThread: Scenario = {
  name: 'main thread',
  async before({ page }) {
    await page.evaluate(startMainThreadBatches, { rate: options.rate, seed: options.seed, words: COMMON_WORDS });
    await sleep(options.warmupBatches * 1000 + 200); // its timer fires every second
  },
  batchesDone: (page) => page.evaluate(mainThreadBatchCount),
  async after({ page }, batchesAtStart) {
    const batchMs = (await page.evaluate(stopMainThreadBatches)).slice(batchesAtStart);
    return {
      recordsPerBatch: options.rate,
      batchMs: `${median(batchMs).toFixed(0)} ms median, ${Math.max(...batchMs).toFixed(0)} ms max on the main thread`,
      shownRate: '–',
    };
  },
};

// ---- Measuring ----

/** The renderer's counters (CDP `Performance.getMetrics`), in ms over the window. */
interface Counters {
  /** Wall time of the main thread's tasks (a task waiting for a CPU counts too). */
  readonly taskMs: number;
  /** CPU time of the main thread. */
  readonly threadCpuMs: number;
  readonly scriptMs: number;
  readonly styleAndLayoutMs: number;
  /** CPU time of the renderer process: main thread, the engine's worker, compositor, raster. */
  readonly processCpuMs: number;
}

async function counters(cdp: CDPSession): Promise<Counters> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const s = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000; // seconds
  return {
    taskMs: s('TaskDuration'),
    threadCpuMs: s('ThreadTime'),
    scriptMs: s('ScriptDuration'),
    styleAndLayoutMs: s('RecalcStyleDuration') + s('LayoutDuration'),
    processCpuMs: s('ProcessTime'),
  };
}

function difference(after: Counters, before: Counters): Counters {
  const d = (key: keyof Counters): number => after[key] - before[key];
  return { taskMs: d('taskMs'), threadCpuMs: d('threadCpuMs'), scriptMs: d('scriptMs'), styleAndLayoutMs: d('styleAndLayoutMs'), processCpuMs: d('processCpuMs') };
}

interface Result {
  readonly name: string;
  readonly probe: ProbeResult;
  readonly counters: Counters;
  /** Each click's round trip as Playwright sees it (the renderer acknowledges each mouse event). */
  readonly roundTripsMs: readonly number[];
  /** Batches completed during the window, and records per second of real time over it. */
  readonly batches: number;
  readonly recordsPerSecond: number;
  readonly report: BatchReport;
  readonly load: readonly [string, string];
  /** With `--trace 1`: where the trace is, and what it says of the main thread. */
  readonly trace: { readonly path: string; readonly summary: MainThreadSummary } | undefined;
}

/** Runs `scenario` in a fresh context: opens the editor, then `before`, the window, `after`. */
async function measure(browser: Browser, url: string, scenario: Scenario): Promise<Result> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    reducedMotion: scenario.isReducedMotion ? 'reduce' : 'no-preference',
  });
  try {
    const editor = new EditorPage(await context.newPage());
    const { page } = editor;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await editor.open(sharedLinkTo(url, firehose(options.rate, options.seed)));
    await editor.run.openTab('charts');
    await scenario.before(editor);
    const pane = (await page.locator('.svelte-flow__pane').boundingBox())!;
    const click = { x: pane.x + pane.width / 2, y: pane.y + 16 }; // the empty canvas, as EditorPage.clickPane
    const loadBefore = loadAverage();

    if (options.trace) await browser.startTracing(page, { categories: traceCategories });
    const countersBefore = await counters(cdp);
    const batchesAtStart = await scenario.batchesDone(page);
    await page.evaluate(startProbe);
    const roundTripsMs: number[] = [];
    const start = performance.now();
    const end = start + options.seconds * 1000;
    for (let next = start + options.clickEveryMs; next < end; next += options.clickEveryMs) {
      await sleep(Math.max(0, next - performance.now()));
      const sent = performance.now();
      await page.mouse.click(click.x, click.y);
      roundTripsMs.push(performance.now() - sent);
    }
    await sleep(Math.max(0, end - performance.now()));
    const probe = await page.evaluate(stopProbe);
    const batches = (await scenario.batchesDone(page)) - batchesAtStart;
    const countersDuring = difference(await counters(cdp), countersBefore);
    let trace: Result['trace'];
    if (options.trace) {
      const buffer = await browser.stopTracing();
      const path = join(tmpdir(), `editorResponsiveness-${scenario.name.replace(/\W+/g, '-')}.json`);
      writeFileSync(path, buffer);
      trace = { path, summary: summariseMainThread(buffer) };
    }

    const report = await scenario.after(editor, batchesAtStart);
    if (editor.errors.length > 0) console.warn(`${scenario.name}: the page logged errors:\n  ${editor.errors.join('\n  ')}`);
    return {
      name: scenario.name,
      probe,
      counters: countersDuring,
      roundTripsMs,
      batches,
      recordsPerSecond: (batches * report.recordsPerBatch) / (probe.windowMs / 1000),
      report,
      load: [loadBefore, loadAverage()],
      trace,
    };
  } finally {
    await context.close();
  }
}

/** /proc/loadavg's 1-, 5- and 15-minute load averages. */
function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

// ---- Reporting ----

const ms = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '–' : x < 10 ? x.toFixed(1) : fmt(x));

function frameRow({ name, probe }: Result): string[] {
  const gaps = probe.frames.slice(1).map((t, i) => t - probe.frames[i]!);
  const span = (probe.frames.at(-1)! - probe.frames[0]!) / 1000;
  const longTaskMs = probe.longTasks.reduce((sum, t) => sum + t.durationMs, 0);
  return [
    name,
    (gaps.length / span).toFixed(1),
    ms(percentile(gaps, 50)),
    ms(percentile(gaps, 95)),
    ms(percentile(gaps, 99)),
    ms(Math.max(...gaps)),
    String(gaps.filter((g) => g > 50).length),
    String(probe.longTasks.length),
    ms(longTaskMs),
    ms(Math.max(0, ...probe.longTasks.map((t) => t.durationMs))),
    String(probe.longFrames.length),
  ];
}

function inputRow({ name, probe, roundTripsMs }: Result): string[] {
  const delays = probe.inputs.map((i) => i.delayMs);
  const toFrame = probe.inputs.map((i) => i.toFrameMs);
  return [
    name,
    String(probe.inputs.length),
    ms(percentile(delays, 50)),
    ms(Math.max(...delays)),
    ms(percentile(toFrame, 50)),
    ms(percentile(toFrame, 95)),
    ms(Math.max(...toFrame)),
    `${probe.slowEvents.filter((e) => e.durationMs >= 50).length} / ${ms(Math.max(0, ...probe.slowEvents.map((e) => e.durationMs)))}`,
    ms(percentile(roundTripsMs, 50)),
    ms(Math.max(...roundTripsMs)),
  ];
}

/** The counters per second of the window. */
function counterRow({ name, probe, counters: c }: Result): string[] {
  const perSecond = (x: number): string => ms((x * 1000) / probe.windowMs);
  return [name, perSecond(c.taskMs), perSecond(c.threadCpuMs), perSecond(c.scriptMs), perSecond(c.styleAndLayoutMs), perSecond(c.processCpuMs)];
}

function workRow({ name, batches, recordsPerSecond, report, load }: Result): string[] {
  return [name, String(batches), recordsPerSecond ? fmt(recordsPerSecond) : '–', report.shownRate, report.batchMs, `${load[0]} → ${load[1]}`];
}

/** The longest animation frames, and what ran in them. */
function describeLongFrames({ name, probe }: Result): void {
  if (probe.longFrames.length === 0) return console.log(`${name}: no long animation frame`);
  console.log(`${name}: the longest animation frames (of ${probe.longFrames.length}):`);
  const longest = [...probe.longFrames].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
  for (const frame of longest) console.log(`  ${describeFrame(frame)}`);
}

function describeFrame(f: LongFrame): string {
  const scripts = [...f.scripts]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 3)
    .map((s) => `${s.invoker} ${s.source} ${ms(s.durationMs)} ms${s.forcedLayoutMs > 1 ? ` (forced layout ${ms(s.forcedLayoutMs)})` : ''}`);
  return `${ms(f.durationMs)} ms (blocking ${ms(f.blockingMs)}, render ${ms(f.renderMs)}, style+layout ${ms(f.styleAndLayoutMs)}): ${scripts.join('; ') || 'no script'}`;
}

/** With `--trace 1`: the main thread's tasks by kind, and its long tasks, wall against CPU. */
function describeTrace({ name, trace }: Result): void {
  if (!trace) return;
  const { spanMs, kinds, longTasks } = trace.summary;
  console.log(`${name}: trace ${trace.path}, main thread over ${fmt(spanMs)} ms:`);
  // MessagePort tasks are the engine's events arriving (comlink's port), however cheap.
  const shown = kinds.filter((k, i) => i < 5 || k.kind === 'MessagePort::Accept');
  for (const k of shown) console.log(`  ${k.kind}: ${k.tasks} tasks, wall ${ms(k.wallMs)} ms, CPU ${ms(k.cpuMs)} ms`);
  const wall = longTasks.reduce((sum, t) => sum + t.wallMs, 0);
  const cpu = longTasks.reduce((sum, t) => sum + t.cpuMs, 0);
  console.log(`  tasks ≥ 50 ms: ${longTasks.length}, wall ${ms(wall)} ms, CPU ${ms(cpu)} ms`);
  for (const t of longTasks.slice(0, 3)) console.log(`    ${ms(t.wallMs)} ms wall, ${ms(t.cpuMs)} ms CPU: ${t.kind}`);
}

// ---- Main ----

if (!existsSync(`${editorDist}index.html`)) {
  console.error(`editorResponsiveness: ${editorDist}index.html is missing; build the editor first: npm run build -w editor`);
  process.exit(1);
}
const server = await previewServer();
const browser = await launchChromium();
try {
  const cpu = cpus()[0]?.model ?? '?';
  console.log(
    `editorResponsiveness: ${fmt(options.rate)} records/s, ${options.seconds} s windows, a click every ${options.clickEveryMs} ms; ` +
      `Chromium ${browser.version()}, Node ${process.version}, ${availableParallelism()} cores (${cpu}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}; load average ${loadAverage()}`,
  );
  const results: Result[] = [];
  for (const scenario of [idle, worker, workerStill, mainThread]) results.push(await measure(browser, server.url, scenario));

  console.log('\nFrames (requestAnimationFrame gaps, ms) and main-thread long tasks:');
  printTable(
    ['scenario', 'frames/s', 'gap p50', 'p95', 'p99', 'max', 'gaps > 50', 'long tasks', 'total ms', 'longest', 'LoAFs'],
    results.map(frameRow),
  );
  console.log('\nInput (clicks on the canvas, ms from the event timeStamp):');
  printTable(
    ['scenario', 'clicks', 'to listener p50', 'max', 'to frame p50', 'p95', 'max', 'events ≥ 50 / worst', 'round trip p50', 'max'],
    results.map(inputRow),
  );
  console.log('\nMain thread and renderer, ms per second of the window (CDP Performance.getMetrics):');
  printTable(['scenario', 'task wall', 'main CPU', 'script', 'style+layout', 'renderer CPU'], results.map(counterRow));
  console.log('\nWork during the window:');
  printTable(['scenario', 'batches', 'records/s (real)', 'shown input rate', 'batch ms', 'load average (1 5 15 min)'], results.map(workRow));
  console.log();
  for (const result of results) describeLongFrames(result);
  for (const result of results) describeTrace(result);
} finally {
  await browser.close();
  await server.close();
}
