/**
 * The gallery of example pipelines, driven in Chromium: the editor opens on the word-count
 * example and runs it; every example opens in one click with its explanation, its graph and no
 * problems; a pipeline from a link never runs before the user asks.
 */
import { describe, expect, it } from 'vitest';
import { examplePipelines, useEditorFixture } from './editorFixture.ts';
import type { EditorPage } from './editorPage.ts';

const fixture = useEditorFixture();
const examples = examplePipelines();

/** The records a node's live overlay shows for the latest batch (0 when it shows none). */
async function liveRecords(editor: EditorPage, id: string): Promise<number> {
  return (await editor.run.nodeRecords(id)) ?? 0;
}

describe('gallery', () => {
  it('opens on the word-count example, explained, and runs it at once', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    const wordCount = examples.get('wordCount')!;
    expect(await editor.nodeIds()).toEqual(wordCount.nodes.map((n) => n.id));
    const note = page.locator('[data-testid="example-note"]');
    expect(await note.getAttribute('data-example')).toBe('wordCount');
    expect(await note.textContent()).toMatch(/A Quick Example/);
    await expect.poll(() => editor.run.status()).toBe('running');
    await expect.poll(() => liveRecords(editor, 'wordCounts'), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await liveRecords(editor, 'words')).toBeGreaterThan(0);
  });

  it('opens every example in one click, with its explanation, its graph and no problems', async () => {
    const editor = await fixture.open();
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
    await editor.screenshot('gallery-light-1280');

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
      expect(await editor.run.status()).toBe('empty');
    }
    const steps = page.locator('[data-testid="example-note"] ol li');
    expect(await steps.allTextContents()).toEqual([
      expect.stringMatching(/^Run it/),
      expect.stringMatching(/^Simulate driver failure/),
      expect.stringMatching(/^Recover/),
    ]);
    await editor.screenshot('gallery-example-light-1280');
  });

  it('shows the gallery and an example in the dark theme at 1920×1080', async () => {
    const editor = await fixture.open({ width: 1920, height: 1080, colorScheme: 'dark' });
    const { page } = editor;
    await page.locator('[data-testid="open-gallery"]').click();
    await page.getByRole('dialog', { name: 'Examples' }).waitFor();
    await editor.screenshot('gallery-dark-1920');
    await page.getByRole('button', { name: 'Open Windowed counts, with an inverse function' }).click();
    await page.locator('[data-testid="example-note"][data-example="windowedCounts"]').waitFor();
    await page.locator('[data-testid="run-primary"]').click();
    await page.locator('[data-testid="speed"]').selectOption('4');
    await expect.poll(() => liveRecords(editor, 'windowed'), { timeout: 15_000 }).toBeGreaterThan(0);
    await editor.screenshot('gallery-example-dark-1920');

    // The explanation folds away, and comes back.
    await page.getByRole('button', { name: 'Hide the explanation' }).click();
    expect(await page.locator('[data-testid="example-note"] .explanation').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the explanation' }).click();
    await page.locator('[data-testid="example-note"] .explanation').waitFor();
  });

  it('never runs a pipeline from a link before the user clicks Run', async () => {
    const first = await fixture.open();
    await first.page.getByRole('button', { name: 'Share' }).click();
    const field = first.page.locator('[data-testid="share-url"]');
    await expect.poll(() => field.inputValue()).toMatch(/#pipeline=[\w-]+$/);
    const link = await field.inputValue();

    const shared = await fixture.open({ at: link });
    expect(await shared.page.locator('[data-testid="origin"]').getAttribute('data-origin')).toBe('url');
    // Running would start the engine's worker: none was ever started.
    await shared.page.waitForLoadState('networkidle');
    expect(shared.page.workers()).toHaveLength(0);
    expect(await shared.run.status()).toBe('empty');
    expect(await shared.page.locator('[data-testid="node-live"]').count()).toBe(0);
    expect(await shared.page.locator('[data-testid="example-note"]').count()).toBe(0);
  });
});
