/**
 * The gallery of example pipelines, driven in Chromium: the editor opens on the word-count
 * example and runs it; every example opens in one click with its explanation, its graph and no
 * problems; a pipeline from a link never runs before the user asks. Screenshots land in
 * editor/e2e/gallery-*.png (gitignored).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { PipelineSpec } from 'rivulet';
import { preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { EditorPage } from './editorPage.ts';

const editorRoot = fileURLToPath(new URL('../../editor/', import.meta.url));
const shots = `${editorRoot}e2e/`;
const examplesDir = fileURLToPath(new URL('../../examples/pipelines/', import.meta.url));
const examples = new Map(
  readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(examplesDir + f, 'utf8')) as PipelineSpec]),
);

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

async function openEditor(options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; at?: string } = {}): Promise<EditorPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const editor = new EditorPage(await context.newPage());
  opened.push(editor);
  await editor.open(options.at ?? url);
  return editor;
}

function status(page: Page): Promise<string | null> {
  return page.locator('[data-testid="run-status"]').getAttribute('data-status');
}

/** The records a node's live overlay shows for the latest batch (0 when it shows none). */
async function liveRecords(editor: EditorPage, id: string): Promise<number> {
  const live = editor.node(id).locator('[data-testid="node-live"]');
  return (await live.count()) === 0 ? 0 : Number((await live.getAttribute('data-records')) || 0);
}

describe('gallery', () => {
  it('opens on the word-count example, explained, and runs it at once', async () => {
    const editor = await openEditor();
    const { page } = editor;
    const wordCount = examples.get('wordCount')!;
    expect(await editor.nodeIds()).toEqual(wordCount.nodes.map((n) => n.id));
    const note = page.locator('[data-testid="example-note"]');
    expect(await note.getAttribute('data-example')).toBe('wordCount');
    expect(await note.textContent()).toMatch(/A Quick Example/);
    await expect.poll(() => status(page)).toBe('running');
    await expect.poll(() => liveRecords(editor, 'wordCounts'), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await liveRecords(editor, 'words')).toBeGreaterThan(0);
  });

  it('opens every example in one click, with its explanation, its graph and no problems', async () => {
    const editor = await openEditor();
    const { page } = editor;
    await page.locator('[data-testid="open-gallery"]').click();
    const dialog = page.getByRole('dialog', { name: 'Examples' });
    await dialog.waitFor();
    const cards = dialog.locator('[data-testid="gallery"] > li');
    const files = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-example')!));
    expect([...files].sort()).toEqual([...examples.keys()].sort());
    expect(files.slice(0, 2)).toEqual(['wordCount', 'statefulWordCount']);
    expect(files).toContain('windowedCountsNoInverse');
    expect(files.at(-1)).toBe('driverRecovery');
    await page.screenshot({ path: `${shots}gallery-light-1280.png` });

    for (const file of files) {
      const spec = examples.get(file)!;
      if (!(await dialog.isVisible())) await page.locator('[data-testid="open-gallery"]').click();
      const card = dialog.locator(`[data-example="${file}"]`);
      const title = (await card.locator('h3').textContent())!;
      const explanation = (await card.locator('.explanation').textContent())!;
      const sentences = explanation.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0).length;
      expect(sentences, `${file}: ${explanation}`).toBeGreaterThanOrEqual(2);
      expect(sentences, `${file}: ${explanation}`).toBeLessThanOrEqual(4);
      expect(await card.locator('a').getAttribute('href')).toMatch(/^https:\/\/spark\.apache\.org\/docs\/latest\/streaming-programming-guide\.html#/);

      await card.getByRole('button', { name: `Open ${title}` }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => editor.nodeIds()).toEqual(spec.nodes.map((n) => n.id));
      await expect.poll(() => editor.edges().count()).toBe(spec.edges.length);
      const note = page.locator('[data-testid="example-note"]');
      expect(await note.getAttribute('data-example')).toBe(file);
      expect(await note.locator('.explanation').textContent()).toBe(explanation);
      await expect.poll(() => page.locator('[data-testid="problem-count"]').textContent()).toBe('0');
      const origin = page.locator('[data-testid="origin"]');
      expect(await origin.getAttribute('data-origin')).toBe('gallery');
      expect(await origin.textContent()).not.toMatch(/not run/);
      // Opening is not running: the previous example's run ended, and this one waits for Run.
      expect(await status(page)).toBe('empty');
    }
    const steps = page.locator('[data-testid="example-note"] ol li');
    expect(await steps.allTextContents()).toEqual([
      expect.stringMatching(/^Run it/),
      expect.stringMatching(/^Simulate driver failure/),
      expect.stringMatching(/^Recover/),
    ]);
    await page.screenshot({ path: `${shots}gallery-example-light-1280.png` });
  });

  it('shows the gallery and an example in the dark theme at 1920×1080', async () => {
    const editor = await openEditor({ width: 1920, height: 1080, colorScheme: 'dark' });
    const { page } = editor;
    await page.locator('[data-testid="open-gallery"]').click();
    await page.getByRole('dialog', { name: 'Examples' }).waitFor();
    await page.screenshot({ path: `${shots}gallery-dark-1920.png` });
    await page.getByRole('button', { name: 'Open Windowed counts, with an inverse function' }).click();
    await page.locator('[data-testid="example-note"][data-example="windowedCounts"]').waitFor();
    await page.locator('[data-testid="run-primary"]').click();
    await page.locator('[data-testid="speed"]').selectOption('4');
    await expect.poll(() => liveRecords(editor, 'windowed'), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}gallery-example-dark-1920.png` });

    // The explanation folds away, and comes back.
    await page.getByRole('button', { name: 'Hide the explanation' }).click();
    expect(await page.locator('[data-testid="example-note"] .explanation').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the explanation' }).click();
    await page.locator('[data-testid="example-note"] .explanation').waitFor();
  });

  it('never runs a pipeline from a link before the user clicks Run', async () => {
    const first = await openEditor();
    await first.page.getByRole('button', { name: 'Share' }).click();
    const field = first.page.locator('[data-testid="share-url"]');
    await expect.poll(() => field.inputValue()).toMatch(/#pipeline=[\w-]+$/);
    const link = await field.inputValue();

    const shared = await openEditor({ at: link });
    expect(await shared.page.locator('[data-testid="origin"]').getAttribute('data-origin')).toBe('url');
    await shared.page.waitForTimeout(1500);
    expect(await status(shared.page)).toBe('empty');
    expect(await shared.page.locator('[data-testid="node-live"]').count()).toBe(0);
    expect(await shared.page.locator('[data-testid="example-note"]').count()).toBe(0);
  });
});
