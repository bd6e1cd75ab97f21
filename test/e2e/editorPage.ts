/**
 * Drives the pipeline editor in Chromium the way a person does — the palette, the canvas, the
 * side panel, the keyboard — and reads back what the page shows. Shared by the editor's e2e suites
 * (`editorFixture.ts` opens it).
 */
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where screenshots for people land (gitignored). */
export const screenshotDir = fileURLToPath(new URL('../../editor/e2e/', import.meta.url));

export class EditorPage {
  /** Console errors and uncaught exceptions seen on the page; a suite expects none. */
  readonly errors: string[] = [];
  /** The run of the pipeline, as the page shows it. */
  readonly run: RunPanel;

  constructor(readonly page: Page) {
    this.run = new RunPanel(page);
    page.on('console', (m) => m.type() === 'error' && this.errors.push(m.text()));
    page.on('pageerror', (e) => this.errors.push(String(e)));
  }

  /** Saves what the page shows as editor/e2e/`name`.png. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${screenshotDir}${name}.png` });
  }

  /** Opens the editor at `url` and waits until the flow has drawn its edges. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.svelte-flow__node').first().waitFor();
    // Edges are drawn once nodes are measured; a straight edge has an empty box, so wait for attachment.
    const edges = this.page.locator('.svelte-flow__edge-path');
    if ((await this.page.locator('.svelte-flow__edge').count()) > 0) await edges.first().waitFor({ state: 'attached' });
  }

  // ---- Reading ----

  node(id: string): Locator {
    return this.page.locator(`.svelte-flow__node[data-id="${id}"]`);
  }

  nodes(): Locator {
    return this.page.locator('.svelte-flow__node');
  }

  edges(): Locator {
    return this.page.locator('.svelte-flow__edge');
  }

  async nodeIds(): Promise<string[]> {
    return this.nodes().evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
  }

  /** Where a node sits on the canvas, in flow coordinates (its transform). */
  async nodePosition(id: string): Promise<{ x: number; y: number }> {
    const transform = await this.node(id).evaluate((el) => (el as HTMLElement).style.transform);
    const [, x, y] = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(transform) ?? [];
    return { x: Number(x), y: Number(y) };
  }

  /** The problem messages shown on a node's card (its badge's tooltip lists all of them). */
  async nodeProblems(id: string): Promise<string> {
    const badge = this.node(id).locator('.badge');
    return (await badge.count()) === 0 ? '' : ((await badge.getAttribute('title')) ?? '');
  }

  paletteItem(operator: string): Locator {
    return this.page.locator(`.palette [data-operator="${operator}"]`);
  }

  // ---- Acting ----

  /** Drags an operator from the palette and drops it at (x, y) relative to the canvas; returns the new node's id. */
  async dragOperator(operator: string, x: number, y: number): Promise<string> {
    const before = new Set(await this.nodeIds());
    await this.paletteItem(operator).dragTo(this.page.locator('.svelte-flow__pane'), { targetPosition: { x, y } });
    await this.page.waitForFunction((n) => document.querySelectorAll('.svelte-flow__node').length > n, before.size);
    return (await this.nodeIds()).find((id) => !before.has(id))!;
  }

  /** Clicks a node's title, which selects it and shows its parameters in the side panel. */
  async select(id: string): Promise<void> {
    await this.node(id).locator('.title').click();
    await this.page.locator(`.svelte-flow__node.selected[data-id="${id}"]`).waitFor();
  }

  /**
   * Draws a connection with the mouse from `source`'s output handle to `target`'s `port` handle,
   * pausing over the target (where a refusal's reason shows) before releasing. Like a person, it
   * lets go only once the target handle lights up (`connectingto`): the canvas auto-pans while a
   * connection is drawn near its edge, and a running pipeline may move the cards.
   */
  async connect(source: string, target: string, port: 'in' | 'other' = 'in', onHover?: () => Promise<void>): Promise<void> {
    const mouse = this.page.mouse;
    const sourceHandle = this.node(source).locator('.svelte-flow__handle.source');
    const targetHandle = this.node(target).locator(`.svelte-flow__handle[data-handleid="${port}"]`);
    const from = await steadyCenter(sourceHandle);
    await mouse.move(from.x, from.y);
    await mouse.down();
    let to = await steadyCenter(targetHandle);
    await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await sourceHandle.and(this.page.locator('.connectingfrom')).waitFor({ timeout: 5000 });
    for (let aim = 0; !(await targetHandle.evaluate((el) => el.classList.contains('connectingto'))); aim++) {
      if (aim === 10) throw new Error(`The ${port} handle of ${target} never lit up under the pointer`);
      to = await steadyCenter(targetHandle);
      await mouse.move(to.x + 3, to.y + 3, { steps: 8 });
      await mouse.move(to.x, to.y, { steps: 3 });
    }
    await onHover?.();
    await mouse.up();
  }

  /** Replaces the text of the CodeMirror editor of a function parameter in the side panel. */
  async typeFunction(param: string, source: string): Promise<void> {
    const content = this.page.locator(`.side [data-param="${param}"] .cm-content`);
    await content.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(source);
  }

  /** Opens the gallery's example titled `title` (its card's Open button), and waits for the gallery to close. */
  async openExample(title: string): Promise<void> {
    await this.page.getByTestId('open-gallery').click();
    const gallery = this.page.getByRole('dialog', { name: 'Examples' });
    await gallery.getByRole('button', { name: `Open ${title}` }).click();
    await gallery.waitFor({ state: 'hidden' });
  }

  /** Clicks the empty canvas (clearing the selection), so keys go to the editor rather than a field. */
  async clickPane(): Promise<void> {
    const box = (await this.page.locator('.svelte-flow__pane').boundingBox())!;
    await this.page.mouse.click(box.x + box.width / 2, box.y + 16);
  }
}

/**
 * The run of the pipeline as the page shows it: the run controls in the header, the live counts
 * on the canvas and the run dock below it (timeline, batch inspector, charts, log).
 */
export class RunPanel {
  constructor(readonly page: Page) {}

  /** The run's status (`running`, `paused`, `failed`…), as the run controls show it. */
  status(): Promise<string | null> {
    return this.page.getByTestId('run-status').getAttribute('data-status');
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page.locator(`[data-testid="run-status"][data-status="${status}"]`).waitFor();
  }

  /** Batches completed since the run started (0 before the first). */
  async batchesDone(): Promise<number> {
    const done = this.page.getByTestId('batches-done');
    return (await done.count()) === 0 ? 0 : Number.parseInt((await done.textContent()) ?? '0', 10);
  }

  /** Clicks Run (or Resume), unless the pipeline already runs on its timer (the starting example may run by itself). */
  async run(): Promise<void> {
    // Let a run that starts by itself begin first, or the click would pause it.
    await this.page
      .waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status') !== 'empty', undefined, { timeout: 1500 })
      .catch(() => undefined);
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="run-primary"]')?.hasAttribute('disabled'));
    if ((await this.status()) === 'running') return;
    await this.page.getByTestId('run-primary').click();
  }

  /** The records a node shows for the latest batch (undefined before any). */
  async nodeRecords(id: string): Promise<number | undefined> {
    const live = this.page.locator(`.svelte-flow__node[data-id="${id}"] [data-testid="node-live"]`);
    if ((await live.count()) === 0) return undefined;
    const records = await live.getAttribute('data-records');
    return records ? Number(records) : undefined;
  }

  /** Runs the pipeline on screen at 4× (a batch every 250 ms) until `batches` batches have completed. */
  async runFor(batches: number): Promise<void> {
    await this.page.getByTestId('speed').selectOption('4');
    if ((await this.status()) !== 'running') await this.page.getByTestId('run-primary').click();
    await this.waitForStatus('running');
    await expect.poll(() => this.batchesDone(), { timeout: 30_000 }).toBeGreaterThanOrEqual(batches);
  }

  /** Opens a tab of the run dock: `inspector`, `charts`, `log` (or another feature's). */
  async openTab(tab: string): Promise<void> {
    const button = this.page.locator(`[data-testid="run-dock"] [role="tab"][data-tab="${tab}"]`);
    if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
  }

  /** The timeline's batch cells. */
  timelineBatches(): Locator {
    return this.page.locator('[data-testid="batch-timeline"] [data-batch]');
  }

  inspector(): Locator {
    return this.page.getByTestId('batch-inspector');
  }
}

/** The centre of an element once it has stopped moving (the view may still be panning). */
async function steadyCenter(locator: Locator): Promise<{ x: number; y: number }> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('The element has no box: it is not on screen');
    const now = `${box.x},${box.y}`;
    if (now === last) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    last = now;
    await locator.page().evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  throw new Error('The element kept moving');
}
