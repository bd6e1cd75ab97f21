/**
 * Checkpoints and recovery in the editor, driven in Chromium: the stateful word count checkpoints
 * to IndexedDB, "Simulate driver failure" kills the engine's worker mid-run, and Recover rebuilds
 * it with getOrCreate so that its running totals go on — checked against the same pipeline run
 * without a failure. A page reloaded mid-run offers the same recovery; the Checkpoints panel lists,
 * deletes and restores checkpoints. Screenshots land in editor/e2e/recovery-*.png (gitignored).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { compilePipeline, ManualClock, MemoryCheckpointStore, Milliseconds, StreamingContext, type PipelineSpec } from 'rivulet';
import { preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { EditorPage } from './editorPage.ts';

const editorRoot = fileURLToPath(new URL('../../editor/', import.meta.url));
const shots = `${editorRoot}e2e/`;
const stateful = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../examples/pipelines/statefulWordCount.json', import.meta.url)), 'utf8'),
) as PipelineSpec;

let server: PreviewServer;
let browser: Browser;
let url: string;
const opened: EditorPage[] = [];

beforeAll(async () => {
  if (!existsSync(`${editorRoot}dist/index.html`)) throw new Error('editor/dist is missing: run `npm run build -w editor` first');
  mkdirSync(shots, { recursive: true });
  server = await preview({ root: editorRoot, logLevel: 'warn', preview: { port: 0, strictPort: false } });
  url = server.resolvedUrls!.local[0];
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  const pages = opened.splice(0);
  for (const { page } of pages) await page.context().close();
  expect(pages.flatMap((p) => p.errors)).toEqual([]);
});

/** A fresh browser context (its own IndexedDB and localStorage) on the editor. */
async function openEditor(options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<EditorPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const editor = new EditorPage(await context.newPage());
  opened.push(editor);
  await editor.open(url);
  return editor;
}

// ---- Driving the run ----

async function openExample(page: Page, title: string): Promise<void> {
  await page.locator('[data-testid="open-gallery"]').click();
  await page.getByRole('button', { name: `Open ${title}` }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
}

function status(page: Page): Promise<string | null> {
  return page.locator('[data-testid="run-status"]').getAttribute('data-status');
}

async function batchesDone(page: Page): Promise<number> {
  const done = page.locator('[data-testid="batches-done"]');
  return (await done.count()) === 0 ? 0 : Number.parseInt((await done.textContent()) ?? '0', 10);
}

/** Runs the pipeline on screen at 4× (a batch every 250 ms) until `batches` batches have completed. */
async function runFor(page: Page, batches: number): Promise<void> {
  await page.locator('[data-testid="speed"]').selectOption('4');
  if ((await status(page)) !== 'running') await page.locator('[data-testid="run-primary"]').click();
  await expect.poll(() => status(page)).toBe('running');
  await expect.poll(() => batchesDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(batches);
}

async function showTab(page: Page, tab: 'checkpoints' | 'log'): Promise<void> {
  const button = page.locator(`[data-tab="${tab}"]`);
  if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
}

/** The batch times of the checkpoints the panel lists, newest first. */
async function listedCheckpoints(page: Page): Promise<number[]> {
  return page.locator('[data-testid="checkpoint"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-time'))));
}

/** The `print()` blocks of the log panel, by batch time (a batch printed twice keeps its last block). */
async function printedBlocks(page: Page): Promise<Map<number, string>> {
  await showTab(page, 'log');
  const texts = await page.locator('[data-testid="print-block"]').allTextContents();
  return new Map(texts.map((text) => [Number(/Time: (\d+) ms/.exec(text)![1]), text]));
}

// ---- What the pipeline prints without any failure ----

/** The pipeline's `print()` blocks by batch time, run in Node for `batches` batches without a failure. */
async function uninterrupted(spec: PipelineSpec, batches: number): Promise<Map<number, string>> {
  const lines: string[] = [];
  const clock = new ManualClock();
  const ssc = new StreamingContext({ batchDuration: Milliseconds(spec.batchDurationMs), clock, master: 'local[2]', printLine: (l) => lines.push(l) });
  ssc.checkpoint(new MemoryCheckpointStore());
  compilePipeline(ssc, spec);
  ssc.start();
  for (let i = 0; i < batches; i++) await clock.advance(spec.batchDurationMs);
  await ssc.stop();
  const blocks = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const time = /^Time: (\d+) ms$/.exec(lines[i + 1] ?? '');
    if (!time || !lines[i]!.startsWith('---')) continue;
    let end = i + 3;
    while (end < lines.length && !(lines[end]!.startsWith('---') && lines[end + 1]?.startsWith('Time:'))) end++;
    blocks.set(Number(time[1]), lines.slice(i, end).join('\n'));
  }
  return blocks;
}

/** Once the page has printed `atLeast` batches after `afterMs`, each matches the uninterrupted run's. */
async function expectCountsGoOn(page: Page, afterMs: number, atLeast: number): Promise<void> {
  const printedAfter = async () => [...(await printedBlocks(page)).keys()].filter((t) => t > afterMs).length;
  await expect.poll(printedAfter, { timeout: 30_000 }).toBeGreaterThanOrEqual(atLeast);
  const shown = await printedBlocks(page);
  const after = [...shown.keys()].filter((t) => t > afterMs).sort((a, b) => a - b);
  const expected = await uninterrupted(stateful, after.at(-1)! / stateful.batchDurationMs);
  for (const time of after) expect(shown.get(time), `batch ${time} ms`).toBe(expected.get(time));
  // Running totals: the first batch after the failure counts more words than batch 1 did on its own.
  expect(totalOf(shown.get(after[0]!)!)).toBeGreaterThan(totalOf(expected.get(stateful.batchDurationMs)!));
}

/** The sum of the counts in a print block of `(word,count)` lines. */
function totalOf(block: string): number {
  return [...block.matchAll(/^\(.*,(\d+)\)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('checkpoints and recovery', () => {
  it('recovers the stateful word count after a simulated driver failure, its totals going on', async () => {
    const { page } = await openEditor();
    const workersClosed: string[] = [];
    page.on('worker', (worker) => worker.on('close', () => workersClosed.push(worker.url())));
    await openExample(page, 'Stateful word count');
    await runFor(page, 4);
    await showTab(page, 'checkpoints');
    await expect.poll(() => listedCheckpoints(page).then((t) => t.length)).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${shots}recovery-checkpoints-light-1280.png` });

    await page.locator('[data-testid="simulate-failure"]').click();
    const banner = page.locator('[data-testid="driver-failure"]');
    await banner.waitFor();
    expect(await status(page)).toBe('failed');
    expect(await banner.textContent()).toMatch(/re-create a StreamingContext from the checkpoint data in the checkpoint directory/);
    await expect.poll(() => workersClosed.length).toBeGreaterThan(0);
    // Nothing runs any more: the batch count stays where it was.
    const before = await batchesDone(page);
    await page.waitForTimeout(600);
    expect(await batchesDone(page)).toBe(before);
    const from = Number((await page.locator('[data-testid="checkpoint"]').first().getAttribute('data-time'))!);
    expect(await page.locator('[data-testid="recover"]').textContent()).toContain(`Recover from ${from / 1000} s`);
    await page.screenshot({ path: `${shots}recovery-failed-light-1280.png` });

    await page.locator('[data-testid="recover"]').click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => status(page)).toBe('running');
    await page.locator('[data-testid="run-status"] .recovered').waitFor();
    await expect.poll(() => batchesDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 3);
    await expectCountsGoOn(page, from, 3);
  });

  it('offers to recover a run after the page was reloaded mid-run, and goes on from its checkpoint', async () => {
    const { page } = await openEditor({ width: 1920, height: 1080, colorScheme: 'dark' });
    await openExample(page, 'Stateful word count');
    await runFor(page, 4);
    await page.reload();

    const prompt = page.getByRole('dialog', { name: /^Recover from checkpoint at \d+ s\?$/ });
    await prompt.waitFor();
    const from = Number(/at (\d+) s/.exec((await prompt.locator('h2').textContent())!)![1]) * 1000;
    expect(from).toBeGreaterThanOrEqual(3000);
    expect(await prompt.textContent()).toContain(stateful.name!);
    // The pipeline that was running is on screen under the question, not the starting example.
    expect(await page.locator('header .name').inputValue()).toBe(stateful.name);
    expect(await status(page)).not.toBe('running');
    await page.screenshot({ path: `${shots}recovery-prompt-dark-1920.png` });

    await prompt.getByRole('button', { name: 'Recover' }).click();
    await prompt.waitFor({ state: 'hidden' });
    await expect.poll(() => status(page)).toBe('running');
    await page.locator('[data-testid="run-status"] .recovered').waitFor();
    await page.locator('[data-testid="speed"]').selectOption('4');
    await expect.poll(() => batchesDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expectCountsGoOn(page, from, 3);
    await showTab(page, 'checkpoints');
    await page.screenshot({ path: `${shots}recovery-recovered-dark-1920.png` });
  });

  it('lists checkpoints with their size and parts, flags a damaged one, deletes and restores them', async () => {
    const { page } = await openEditor({ width: 1920, height: 1080, colorScheme: 'dark' });
    await openExample(page, 'Stateful word count');
    await runFor(page, 5);
    await page.locator('[data-testid="run-primary"]').click(); // pause
    await expect.poll(() => status(page)).toBe('paused');
    await showTab(page, 'checkpoints');
    await expect.poll(() => listedCheckpoints(page).then((t) => t.length)).toBeGreaterThanOrEqual(5);
    const times = await listedCheckpoints(page);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const row = page.locator(`[data-testid="checkpoint"][data-time="${times[0]}"]`);
    expect(await row.textContent()).toMatch(/kB.*metadata · spec.*valid/);
    expect(await row.textContent()).toContain('latest');

    // Delete the oldest one while the paused engine holds the store.
    const oldest = times.at(-1)!;
    await page.getByRole('button', { name: `Delete the checkpoint at ${oldest / 1000} s` }).click();
    await expect.poll(() => listedCheckpoints(page)).toEqual(times.slice(0, -1));
    await page.getByRole('button', { name: 'Read the checkpoints again' }).click();
    await page.waitForTimeout(300);
    expect(await listedCheckpoints(page)).toEqual(times.slice(0, -1));

    // Damage the newest one's manifest in IndexedDB (the run stopped first, so nothing rewrites it).
    await page.locator('[aria-label="Stop"]').click();
    await expect.poll(() => status(page)).toBe('stopped');
    const newest = (await listedCheckpoints(page))[0]!;
    await page.evaluate(
      ([name, time]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('manifests', 'readwrite');
            tx.objectStore('manifests').put({ text: '{"damaged":true}', crc: 1 }, time);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      [`rivulet:stateful-word-count:checkpoint`, newest] as const,
    );
    await page.getByRole('button', { name: 'Read the checkpoints again' }).click();
    const damaged = page.locator(`[data-testid="checkpoint"][data-time="${newest}"]`);
    await expect.poll(() => damaged.getAttribute('data-valid')).toBe('false');
    expect(await damaged.locator('[data-testid="checkpoint-problem"]').textContent()).toMatch(/invalid: .*damaged/);
    expect(await page.getByRole('button', { name: `Restore the checkpoint at ${newest / 1000} s` }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${shots}recovery-panel-dark-1920.png` });

    // Restore an older one: a new engine goes on from it, and the checkpoints after it are gone.
    const older = (await listedCheckpoints(page))[2]!;
    await page.getByRole('button', { name: `Restore the checkpoint at ${older / 1000} s` }).click();
    await expect.poll(() => status(page)).toBe('running');
    await page.locator('[data-testid="run-status"] .recovered').waitFor();
    await page.locator('[data-testid="speed"]').selectOption('4');
    await showTab(page, 'log');
    await page.locator('[data-testid="log-panel"] .entry', { hasText: `Recovered from the checkpoint at ${older} ms` }).waitFor();
    await expect.poll(() => batchesDone(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expectCountsGoOn(page, older, 3);
    // The damaged checkpoint was after the restored one, so it was deleted (the run may have rewritten its time since).
    await showTab(page, 'checkpoints');
    await expect.poll(() => damaged.count().then(async (n) => n === 0 || (await damaged.getAttribute('data-valid')) === 'true')).toBe(true);
  });
});
