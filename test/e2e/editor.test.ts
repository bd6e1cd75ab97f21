/**
 * The pipeline editor, driven in Chromium as a person would: `vite preview` serves editor/dist
 * (built by `npm test`). Covers building a pipeline — palette, drag and drop, connections and
 * their refusals, parameters (durations, CodeMirror functions), validation on the nodes,
 * undo/redo, copy/paste, auto-layout — and moving it around: JSON export and import, share links.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { operatorRegistry, type PipelineSpec } from 'rivulet';
import { describe, expect, it } from 'vitest';
import { editorDist, examplePipeline, useEditorFixture } from './editorFixture.ts';

const fixture = useEditorFixture();
const wordCount = examplePipeline('wordCount');

describe('editor', () => {
  it('builds a production bundle without Node-only modules', () => {
    const assets = `${editorDist}assets/`;
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(assets + file, 'utf8');
      expect(code, file).not.toMatch(/["']node:[a-z_/]+["']/);
      expect(code, file).not.toMatch(/\brequire\(["'](fs|net|path|os|ws|eventsource|worker_threads|child_process)["']\)/);
    }
  });

  it('opens with the word-count example, following the system theme', async () => {
    const editor = await fixture.open({ colorScheme: 'dark', width: 1920, height: 1080 });
    const { page } = editor;
    expect(await editor.nodeIds()).toEqual(wordCount.nodes.map((n) => n.id));
    expect(await editor.edges().count()).toBe(wordCount.edges.length);
    expect(await page.locator('.svelte-flow__minimap').count()).toBe(1);
    expect(await page.locator('.svelte-flow__controls').count()).toBe(1);
    expect(await page.locator('header .name').inputValue()).toBe(wordCount.name);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await expect.poll(() => page.locator('[data-testid="problem-count"]').textContent()).toBe('0');
    await editor.screenshot('main-dark-1920');

    await page.locator('[data-testid="theme-toggle"]').click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(await page.locator('.svelte-flow').getAttribute('class')).toContain('light');
  });

  it('lists every registry operator in the palette, grouped, and search filters it', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    await editor.screenshot('main-light-1280');
    const headings = await page.locator('.palette h2').evaluateAll((els) => els.map((el) => el.textContent!.replace(/\d+/g, '').trim()));
    expect(headings).toEqual(['Sources', 'Transformations', 'Windows', 'State', 'Joins', 'Outputs']);
    expect(await page.locator('.palette [data-operator]').count()).toBe(operatorRegistry.length);
    for (const entry of operatorRegistry) {
      expect(await page.locator(`.palette [data-category="${entry.category}"] [data-operator="${entry.name}"]`).count()).toBe(1);
    }

    await page.getByRole('searchbox', { name: 'Search operators' }).fill('window');
    const shown = await page.locator('.palette [data-operator]').evaluateAll((els) => els.map((el) => el.getAttribute('data-operator')!));
    expect(shown).toContain('reduceByKeyAndWindow');
    expect(shown).not.toContain('flatMap');
    const expected = operatorRegistry.filter((e) => `${e.name} ${e.description} ${e.spark}`.toLowerCase().includes('window'));
    expect(shown.sort()).toEqual(expected.map((e) => e.name).sort());

    await page.getByRole('searchbox', { name: 'Search operators' }).fill('no such operator');
    await page.getByText('No operator matches').waitFor();
    await page.getByRole('searchbox', { name: 'Search operators' }).fill('');
    expect(await page.locator('.palette [data-operator]').count()).toBe(operatorRegistry.length);
  });

  it('adds an operator by drag and drop, shows its problem, and connects it', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    const id = await editor.dragOperator('filter', 360, 560);
    expect(id).toBe('filter');
    // The new node is selected, and validation says what it lacks, on the node itself.
    await page.locator('.side h2', { hasText: 'filter' }).waitFor();
    await expect.poll(() => editor.nodeProblems(id)).toMatch(/nothing is connected/i);
    await editor.node(id).locator('[data-testid="node-problems"]').waitFor();

    // Clicking the problem in the side panel's list selects the node it is about.
    await editor.clickPane();
    expect(await page.locator('.svelte-flow__node.selected').count()).toBe(0);
    await page.locator('.problems li button', { hasText: 'nothing is connected' }).click();
    await page.locator(`.svelte-flow__node.selected[data-id="${id}"]`).waitFor();

    await editor.connect('words', id);
    await expect.poll(() => editor.edges().count()).toBe(wordCount.edges.length + 1);
    await expect.poll(() => editor.nodeProblems(id)).toBe('');
    await expect.poll(() => page.locator('[data-testid="problem-count"]').textContent()).toBe('0');
  });

  it('refuses a connection that canConnect rejects, and says why', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    const id = await editor.dragOperator('reduceByKey', 360, 440);
    await editor.connect('lines', id, 'in', async () => {
      const hint = page.locator('[data-testid="connection-hint"]');
      await hint.waitFor();
      expect(await hint.textContent()).toMatch(/pairs/);
      await editor.screenshot('connection-refused');
    });
    const toast = page.locator('[data-testid="toast"]', { hasText: 'Not connected' });
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/reduceByKey.*pairs.*generatorStream|pairs/);
    expect(await editor.edges().count()).toBe(wordCount.edges.length);
  });

  it('edits a duration and a function, with parse errors inline and problems on the node', async () => {
    const editor = await fixture.open({ width: 1920, height: 1080 });
    const { page } = editor;
    // A window (added from the palette with the keyboard) after `pairs`.
    await editor.paletteItem('window').focus();
    await page.keyboard.press('Enter');
    await page.locator('.side h2', { hasText: 'window' }).waitFor();
    await editor.connect('pairs', 'window');
    await expect.poll(() => editor.edges().count()).toBe(wordCount.edges.length + 1);

    // 1.5 s is not a multiple of the 1 s batch interval: the node says so.
    const duration = page.locator('#param-windowDurationMs');
    await page.locator('[data-param="windowDurationMs"] select').selectOption('s');
    await duration.fill('1.5');
    await expect.poll(() => editor.nodeProblems('window')).toMatch(/multiple/);
    expect(await editor.node('window').locator('dd').first().textContent()).toBe('1.5 s');
    await duration.fill('3');
    await expect.poll(() => editor.nodeProblems('window')).toBe('');
    expect(await editor.node('window').locator('dd').first().textContent()).toBe('3 s');

    // A function with a syntax error is marked inline in CodeMirror, then fixed.
    await editor.select('pairs');
    await editor.typeFunction('mapFunc', '(word) => [word, 1');
    const error = page.locator('.side [data-param="mapFunc"] [data-testid="param-error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Syntax error/);
    await page.locator('.side [data-param="mapFunc"] .cm-lintRange-error').waitFor();
    await expect.poll(() => editor.nodeProblems('pairs')).toMatch(/mapFunc/);
    await editor.screenshot('function-error');

    await page.keyboard.type(']');
    await error.waitFor({ state: 'detached' });
    await expect.poll(() => editor.nodeProblems('pairs')).toBe('');
    expect(await editor.node('pairs').locator('dd').first().textContent()).toBe('(word) => [word, 1]');
  });

  it('deletes, undoes and redoes', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    await editor.select('pairs');
    await page.keyboard.press('Delete');
    await expect.poll(() => editor.nodeIds()).not.toContain('pairs');
    expect(await editor.edges().count()).toBe(wordCount.edges.length - 2);

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => editor.nodeIds()).toContain('pairs');
    expect(await editor.edges().count()).toBe(wordCount.edges.length);

    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect.poll(() => editor.nodeIds()).not.toContain('pairs');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editor.nodeIds()).toContain('pairs');
  });

  it('copies and pastes nodes with new ids, offset', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    await editor.select('wordCounts');
    await page.keyboard.press('ControlOrMeta+c');
    await page.keyboard.press('ControlOrMeta+v');
    await expect.poll(() => editor.nodes().count()).toBe(wordCount.nodes.length + 1);
    const pasted = (await editor.nodeIds()).find((id) => !wordCount.nodes.some((n) => n.id === id))!;
    expect(pasted).toBe('reduceByKey');
    const original = await editor.nodePosition('wordCounts');
    const copy = await editor.nodePosition(pasted);
    expect(copy.x).toBeGreaterThan(original.x);
    expect(copy.y).toBeGreaterThan(original.y);
    expect(await editor.node(pasted).locator('.title').textContent()).toBe('word counts');
    // The copy is selected; its parameters came along.
    await page.locator('.side [data-param="reduceFunc"] .cm-content', { hasText: '(a, b) => a + b' }).waitFor();
  });

  it('lays the graph out left to right', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    // Drop `print` far to the left and below: the chain is then out of order.
    const box = (await editor.node('print').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x - 400, box.y + 200, { steps: 8 });
    await page.mouse.up();
    expect((await editor.nodePosition('print')).x).toBeLessThan((await editor.nodePosition('wordCounts')).x);

    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect
      .poll(async () => (await editor.nodePosition('print')).x > (await editor.nodePosition('wordCounts')).x)
      .toBe(true);
    const xs = await Promise.all(wordCount.nodes.map((n) => editor.nodePosition(n.id).then((p) => p.x)));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const ys = await Promise.all(wordCount.nodes.map((n) => editor.nodePosition(n.id).then((p) => p.y)));
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(40);
    // One undo step puts everything back where it was before the layout.
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(async () => (await editor.nodePosition('print')).x < (await editor.nodePosition('wordCounts')).x).toBe(true);
  });

  it('exports JSON and imports it back, as an untrusted file', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    await editor.dragOperator('count', 360, 560);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('word-count.json');
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as PipelineSpec;
    expect(exported.nodes.map((n) => n.id)).toEqual([...wordCount.nodes.map((n) => n.id), 'count']);
    expect(exported.edges).toHaveLength(wordCount.edges.length);

    // Start over from a link-less page, then open the file.
    const fresh = await fixture.open();
    await fresh.page.locator('[data-testid="import-file"]').setInputFiles(path);
    await expect.poll(() => fresh.nodeIds()).toEqual(exported.nodes.map((n) => n.id));
    const origin = fresh.page.locator('[data-testid="origin"]');
    expect(await origin.getAttribute('data-origin')).toBe('file');
    expect(await origin.textContent()).toMatch(/not run/);
    expect(await fresh.page.locator('.svelte-flow__node.selected').count()).toBe(0);
  });

  it('shows why a file cannot be imported', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    await page.locator('[data-testid="import-file"]').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"version":1,"batchDurationMs":1000,"nodes":[{"id":"x","operator":"map","params":{"mapFunc":5}}],"edges":"no"}'),
    });
    const dialog = page.getByRole('dialog', { name: 'bad.json could not be opened' });
    await dialog.waitFor();
    expect(await dialog.locator('li').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await editor.nodeIds()).toEqual(wordCount.nodes.map((n) => n.id));
  });

  it('shares the pipeline by a link that opens the same graph, not run', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    await editor.select('pairs');
    await page.locator('#node-label').fill('word pairs');
    await page.getByRole('button', { name: 'Share' }).click();
    const field = page.locator('[data-testid="share-url"]');
    await expect.poll(() => field.inputValue()).toMatch(/#pipeline=[\w-]+$/);
    const link = await field.inputValue();
    await editor.screenshot('share-dialog');

    const shared = await fixture.open({ at: link });
    expect(await shared.nodeIds()).toEqual(wordCount.nodes.map((n) => n.id));
    expect(await shared.edges().count()).toBe(wordCount.edges.length);
    expect(await shared.node('pairs').locator('.title').textContent()).toBe('word pairs');
    const origin = shared.page.locator('[data-testid="origin"]');
    expect(await origin.getAttribute('data-origin')).toBe('url');
    expect(await origin.textContent()).toMatch(/not run/);
  });

  it('exports the pipeline as TypeScript', async () => {
    const editor = await fixture.open();
    const { page } = editor;
    await page.getByRole('button', { name: 'Export code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export as TypeScript' });
    await dialog.locator('.cm-content', { hasText: 'StreamingContext' }).waitFor();
    expect(await dialog.locator('.cm-content').textContent()).toMatch(/flatMap\(\(line\) => line\.split\(' '\)\)/);
    await editor.screenshot('export-code');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .ts' }).click()]);
    expect(download.suggestedFilename()).toBe('word-count.ts');
  });
});
