/**
 * Checkpoints and recovery in the editor, driven in Chromium: the stateful word count checkpoints
 * to IndexedDB, "Simulate driver failure" kills the engine's worker mid-run, and Recover rebuilds
 * it with getOrCreate so that its running totals go on — checked against the same pipeline run
 * without a failure. A page reloaded mid-run offers the same recovery; the Checkpoints panel lists,
 * deletes and restores checkpoints.
 */
import type { Page } from 'playwright-core';
import { compilePipeline, ManualClock, MemoryCheckpointStore, Milliseconds, StreamingContext, type PipelineSpec } from 'rivulet';
import { describe, expect, it } from 'vitest';
import { examplePipeline, useEditorFixture } from './editorFixture.ts';
import type { EditorPage } from './editorPage.ts';

const fixture = useEditorFixture();
const stateful = examplePipeline('statefulWordCount');

// ---- Reading the page ----

/** The IndexedDB databases of the page's origin for checkpoints (`<location>:checkpoint`; reading a location creates one too). */
async function checkpointDatabases(page: Page): Promise<string[]> {
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  return names.filter((n) => n.endsWith(':checkpoint')).sort();
}

/** Where the Checkpoints panel says the run checkpoints. */
function shownLocation(page: Page): Promise<string | null> {
  return page.getByTestId('checkpoint-panel').locator('.where code').textContent();
}

/** The batch times of the checkpoints the panel lists, newest first. */
async function listedCheckpoints(page: Page): Promise<number[]> {
  return page.locator('[data-testid="checkpoint"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-time'))));
}

/** The listed checkpoints, once the panel has read them since the last change (a checkpoint written, a change of state). */
async function currentCheckpoints(page: Page): Promise<number[]> {
  await page.getByTestId('checkpoint-panel').locator('section[aria-busy="false"]').waitFor();
  return listedCheckpoints(page);
}

/** The `print()` blocks of the log panel, by batch time (a batch printed twice keeps its last block). */
async function printedBlocks({ page, run }: EditorPage): Promise<Map<number, string>> {
  await run.openTab('log');
  const texts = await page.locator('[data-testid="print-block"]').allTextContents();
  return new Map(texts.map((text) => [Number(/Time: (\d+) ms/.exec(text)![1]), text]));
}

/**
 * Opens the stateful word count with `directory` as its checkpoint directory (empty: none) and
 * runs it for `batches` batches, the Checkpoints tab open.
 */
async function runStateful(directory: string, batches: number): Promise<EditorPage> {
  const editor = await fixture.open();
  await editor.openExample('Stateful word count');
  await editor.page.locator('#pipeline-checkpoint-dir').fill(directory);
  await editor.run.runFor(batches);
  await editor.run.openTab('checkpoints');
  return editor;
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
async function expectCountsGoOn(editor: EditorPage, afterMs: number, atLeast: number): Promise<void> {
  const printedAfter = async () => [...(await printedBlocks(editor)).keys()].filter((t) => t > afterMs).length;
  await expect.poll(printedAfter, { timeout: 30_000 }).toBeGreaterThanOrEqual(atLeast);
  const shown = await printedBlocks(editor);
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
    const editor = await fixture.open();
    const { page, run } = editor;
    await editor.openExample('Stateful word count');
    await run.runFor(4);
    await run.openTab('checkpoints');
    await expect.poll(() => listedCheckpoints(page).then((t) => t.length)).toBeGreaterThanOrEqual(3);
    await editor.screenshot('recovery-checkpoints-light-1280');

    const running = page.workers();
    expect(running).toHaveLength(1);
    const closed = new Promise((resolve) => running[0]!.on('close', resolve));
    await page.locator('[data-testid="simulate-failure"]').click();
    const banner = page.locator('[data-testid="driver-failure"]');
    await banner.waitFor();
    expect(await run.status()).toBe('failed');
    expect(await banner.textContent()).toMatch(/re-create a StreamingContext from the checkpoint data in the checkpoint directory/);
    // Nothing runs any more: the engine's worker is gone (a fresh one may already be reading the checkpoints).
    await closed;
    expect(page.workers()).not.toContain(running[0]);
    const before = await run.batchesDone();
    // The list is read again after the failure: a checkpoint written just before it may be newer than the one shown.
    const from = (await currentCheckpoints(page))[0]!;
    expect(await page.locator('[data-testid="recover"]').textContent()).toContain(`Recover from ${from / 1000} s`);
    await editor.screenshot('recovery-failed-light-1280');

    await page.locator('[data-testid="recover"]').click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => run.status()).toBe('running');
    await page.locator('[data-testid="run-status"] .recovered').waitFor();
    await expect.poll(() => run.batchesDone(), { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 3);
    await expectCountsGoOn(editor, from, 3);
  });

  it('offers to recover a run after the page was reloaded mid-run, and goes on from its checkpoint', async () => {
    const editor = await fixture.open({ width: 1920, height: 1080, colorScheme: 'dark' });
    const { page, run } = editor;
    await editor.openExample('Stateful word count');
    await run.runFor(4);
    await page.reload();

    const prompt = page.getByRole('dialog', { name: /^Recover from checkpoint at \d+ s\?$/ });
    await prompt.waitFor();
    const from = Number(/at (\d+) s/.exec((await prompt.locator('h2').textContent())!)![1]) * 1000;
    expect(from).toBeGreaterThanOrEqual(3000);
    expect(await prompt.textContent()).toContain(stateful.name!);
    // The pipeline that was running is on screen under the question, not the starting example.
    expect(await page.locator('header .name').inputValue()).toBe(stateful.name);
    expect(await run.status()).not.toBe('running');
    await editor.screenshot('recovery-prompt-dark-1920');

    await prompt.getByRole('button', { name: 'Recover' }).click();
    await prompt.waitFor({ state: 'hidden' });
    await expect.poll(() => run.status()).toBe('running');
    await page.locator('[data-testid="run-status"] .recovered').waitFor();
    await page.locator('[data-testid="speed"]').selectOption('4');
    await expect.poll(() => run.batchesDone(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expectCountsGoOn(editor, from, 3);
    await run.openTab('checkpoints');
    await editor.screenshot('recovery-recovered-dark-1920');
  });

  it('lists checkpoints with their size and parts, flags a damaged one, deletes and restores them', async () => {
    const editor = await fixture.open({ width: 1920, height: 1080, colorScheme: 'dark' });
    const { page, run } = editor;
    await editor.openExample('Stateful word count');
    await run.runFor(5);
    await page.locator('[data-testid="run-primary"]').click(); // pause
    await expect.poll(() => run.status()).toBe('paused');
    await run.openTab('checkpoints');
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
    await expect.poll(() => listedCheckpoints(page)).toEqual(times.slice(0, -1));

    // Damage the newest one's manifest in IndexedDB (the run stopped first, so nothing rewrites it).
    await page.locator('[aria-label="Stop"]').click();
    await expect.poll(() => run.status()).toBe('stopped');
    const newest = (await currentCheckpoints(page))[0]!;
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
      [(await shownLocation(page))!, newest] as const,
    );
    await page.getByRole('button', { name: 'Read the checkpoints again' }).click();
    const damaged = page.locator(`[data-testid="checkpoint"][data-time="${newest}"]`);
    await expect.poll(() => damaged.getAttribute('data-valid')).toBe('false');
    expect(await damaged.locator('[data-testid="checkpoint-problem"]').textContent()).toMatch(/invalid: .*damaged/);
    expect(await page.getByRole('button', { name: `Restore the checkpoint at ${newest / 1000} s` }).isDisabled()).toBe(true);
    await editor.screenshot('recovery-panel-dark-1920');

    // Restore an older one: a new engine goes on from it, and the checkpoints after it are gone.
    const older = (await listedCheckpoints(page))[2]!;
    await page.getByRole('button', { name: `Restore the checkpoint at ${older / 1000} s` }).click();
    await expect.poll(() => run.status()).toBe('running');
    await page.locator('[data-testid="run-status"] .recovered').waitFor();
    await page.locator('[data-testid="speed"]').selectOption('4');
    await run.openTab('log');
    await page.locator('[data-testid="log-panel"] .entry', { hasText: `Recovered from the checkpoint at ${older} ms` }).waitFor();
    await expect.poll(() => run.batchesDone(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expectCountsGoOn(editor, older, 3);
    // The damaged checkpoint was after the restored one, so it was deleted (the run may have rewritten its time since).
    await run.openTab('checkpoints');
    await expect.poll(() => damaged.count().then(async (n) => n === 0 || (await damaged.getAttribute('data-valid')) === 'true')).toBe(true);
  });

  it('keeps the checkpoint list moving while a run writes checkpoints faster than the list is read', async () => {
    // 100 ms batches at 4×: a checkpoint every 25 ms, while the list is read at most every 150 ms.
    const editor = await fixture.open({ spec: { ...stateful, name: 'Fast totals', batchDurationMs: 100 } });
    const { page, run } = editor;
    await page.getByLabel('Speed').selectOption('4');
    await page.getByTestId('run-primary').click();
    await page.getByRole('button', { name: 'Run it' }).click();
    await run.openTab('checkpoints');
    const newest = () => listedCheckpoints(page).then((times) => times[0] ?? 0);
    await expect.poll(newest, { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await newest();
    await expect.poll(newest, { timeout: 10_000 }).toBeGreaterThanOrEqual(first + 1000);
    expect(await run.status()).toBe('running');
  });

  it('keeps the run checkpointing where it started when the pipeline is renamed mid-run, and recovers from there', async () => {
    // Without a directory, the run's location comes from the pipeline's name, as the run starts.
    const editor = await runStateful('', 3);
    const { page, run } = editor;
    await expect.poll(() => listedCheckpoints(page).then((t) => t.length)).toBeGreaterThanOrEqual(2);

    await page.getByRole('textbox', { name: 'Pipeline name' }).fill('Renamed totals');
    // The run keeps its location: the panel still lists its checkpoints, and nothing is written elsewhere.
    await expect.poll(() => run.batchesDone()).toBeGreaterThanOrEqual(5);
    expect(await shownLocation(page)).toBe('rivulet:stateful-word-count:checkpoint');
    expect(await listedCheckpoints(page).then((t) => t.length)).toBeGreaterThanOrEqual(2);
    expect(await checkpointDatabases(page)).not.toContain('rivulet:renamed-totals:checkpoint');

    await page.getByTestId('simulate-failure').click();
    await page.getByTestId('driver-failure').waitFor();
    const from = (await currentCheckpoints(page))[0]!;
    expect(await page.getByTestId('recover').textContent()).toContain(`Recover from ${from / 1000} s`);
    await page.getByTestId('recover').click();
    await expect.poll(() => run.status()).toBe('running');
    await run.openTab('log');
    await page.locator('[data-testid="log-panel"] .entry', { hasText: `Recovered from the checkpoint at ${from} ms` }).waitFor();
    await expectCountsGoOn(editor, from, 2);
  });

  it("checkpoints to the directory the pipeline's settings name", async () => {
    const { page } = await runStateful('my-totals', 2);
    expect(await shownLocation(page)).toBe('my-totals:checkpoint');
    await expect.poll(() => listedCheckpoints(page).then((t) => t.length)).toBeGreaterThanOrEqual(1);
    const databases = await checkpointDatabases(page);
    expect(databases).toContain('my-totals:checkpoint');
    expect(databases).not.toContain('rivulet:stateful-word-count:checkpoint'); // where the name would have put them
  });

  it('offers no recovery for a pipeline that does not checkpoint, and never turns checkpointing on', async () => {
    const editor = await fixture.open();
    const { page, run } = editor;
    // The word count, which does not checkpoint, runs as the page opens.
    await run.run();
    await run.waitForStatus('running');
    await run.runFor(2);
    await run.openTab('checkpoints');
    expect(await page.getByTestId('not-recoverable').textContent()).toMatch(/does not checkpoint/);

    await page.getByTestId('simulate-failure').click();
    const banner = page.getByTestId('driver-failure');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/does not checkpoint, so there is nothing to recover from/);
    const recover = page.getByTestId('recover');
    expect(await recover.isDisabled()).toBe(true);
    expect(await recover.getAttribute('title')).toMatch(/Turn Checkpointing on/);
    await editor.screenshot('recovery-not-recoverable-light-1280');

    await banner.getByRole('button', { name: 'Start fresh' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => run.status()).toBe('running');
    await expect.poll(() => run.batchesDone()).toBeGreaterThanOrEqual(1);
    expect(await checkpointDatabases(page)).toEqual([]);
  });
});
