/**
 * Running pipelines in the editor, in Chromium: the engine in its Web Worker driven by the run
 * controls, live counts on the canvas, the batch timeline and inspector (partitions, samples,
 * lineage linked to the canvas, windows, state), Spark's streaming charts, errors on the nodes and
 * in the log, the confirmation before running a shared pipeline, and a page that stays responsive
 * at 100,000 records a second. `vite preview` serves editor/dist (built by `npm test`).
 */
import type { PipelineNode, PipelineSpec } from 'rivulet';
import { describe, expect, it } from 'vitest';
import { useEditorFixture } from './editorFixture.ts';

const fixture = useEditorFixture();

/** A pipeline whose `nodes` feed each other in a row, 260 px apart. */
function chain(name: string, nodes: readonly Omit<PipelineNode, 'position'>[]): PipelineSpec {
  return {
    version: 1,
    name,
    batchDurationMs: 1000,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 260 * i, y: 0 } })),
    edges: nodes.slice(1).map((node, i) => ({ id: `e${i + 1}`, source: nodes[i]!.id, target: node.id })),
  };
}

/** Lines of words through flatMap, map and reduceByKey into print; `mapFunc` may throw. */
function literalWordCount(batches: string[][], mapFunc = '(word) => [word, 1]'): PipelineSpec {
  return chain('Literal word count', [
    { id: 'lines', operator: 'queueStream', label: 'lines', params: { batches, numSlices: 2 } },
    { id: 'words', operator: 'flatMap', label: 'words', params: { flatMapFunc: "(line) => line.split(' ')" } },
    { id: 'pairs', operator: 'map', label: 'pairs', params: { mapFunc } },
    { id: 'counts', operator: 'reduceByKey', label: 'counts', params: { reduceFunc: '(a, b) => a + b' } },
    { id: 'print', operator: 'print', params: {} },
  ]);
}

describe('running a pipeline', () => {
  it('runs the word count: counts on the nodes, the inspector, lineage linked to the canvas, charts, speed', async () => {
    const editor = await fixture.open();
    const { page, run } = editor;
    await run.run();
    await run.waitForStatus('running');
    await expect.poll(() => run.nodeRecords('wordCounts'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await run.nodeRecords('lines')).toBe(4); // 4 lines a second, 1 s batches
    expect(await run.nodeRecords('words')).toBe(20); // 5 words a line
    expect(await editor.page.locator('[data-testid="edge-flow"]').count()).toBe(4);
    // The batch inspector shows the latest batch.
    await run.openTab('inspector');
    await run.inspector().waitFor();
    expect(Number(await page.getByTestId('inspected-records').textContent())).toBeGreaterThan(0);
    await expect.poll(() => run.batchesDone()).toBeGreaterThanOrEqual(2);
    await editor.screenshot('run-light-1280');

    // Pause, then one more batch by hand.
    await page.getByRole('button', { name: 'Pause' }).click();
    await run.waitForStatus('paused');
    const done = await run.batchesDone();
    await page.getByRole('button', { name: 'Step one batch' }).click();
    await expect.poll(() => run.batchesDone()).toBe(done + 1);
    expect(await run.timelineBatches().count()).toBe(done + 1);

    // Choose the first batch: every node's RDD of it, with partitions and a sample.
    const first = run.timelineBatches().first();
    const time = await first.getAttribute('data-batch');
    await first.click();
    await page.locator(`[data-testid="batch-inspector"][data-batch="${time}"]`).waitFor();
    await run.inspector().locator('[data-node="wordCounts"]').click();
    expect(await page.locator('[data-testid="partitions"] [data-partition]').count()).toBe(2);
    const perPartition = await page.locator('[data-testid="partitions"] [data-partition]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-records'))));
    expect(perPartition.reduce((a, b) => a + b, 0)).toBe(Number(await page.getByTestId('inspected-records').textContent()));
    expect(await page.locator('[data-testid="sample"] tbody tr').count()).toBeGreaterThan(0);

    // The lineage graph: clicking an RDD highlights the node that made it on the canvas.
    await page.locator('[data-testid="lineage-graph"] [data-owner="words"]').first().click();
    await editor.node('words').locator('.node.highlighted').waitFor();
    expect(await page.locator('.svelte-flow__node .node.highlighted').count()).toBe(1);
    await editor.screenshot('run-inspector-light-1280');
    // …and as toDebugString text, with the shuffle.
    await page.getByRole('tab', { name: 'toDebugString' }).click();
    expect(await page.getByTestId('lineage-text').textContent()).toMatch(/ShuffledRDD\[\d+\] at reduceByKey[\s\S]*MapPartitionsRDD/);

    // Spark's streaming charts: four timelines with a point per batch, and the batch table.
    await run.openTab('charts');
    const charts = page.locator('[data-testid="streaming-charts"] svg[data-points]');
    await expect.poll(() => charts.count()).toBe(4);
    for (const points of await charts.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-points'))))) expect(points).toBe(done + 1);
    expect(await page.locator('[data-testid="streaming-charts"] circle.point').count()).toBe(4 * (done + 1));
    expect(await page.locator('[data-testid="batch-table"] tbody tr').count()).toBe(done + 1);
    const chart = page.locator('[data-chart="processingMs"] .hit');
    await chart.hover();
    await page.getByTestId('chart-tip').waitFor();
    await editor.screenshot('run-charts-light-1280');

    // Speed: at 4× the next four batches take about a second of real time, not four.
    await page.getByLabel('Speed').selectOption('4');
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-speed')).toBe('4');
    const before = await run.batchesDone();
    const started = Date.now();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => run.batchesDone(), { timeout: 6000, interval: 50 }).toBeGreaterThanOrEqual(before + 4);
    expect(Date.now() - started).toBeLessThan(3000);

    await page.locator('[data-testid="theme-toggle"]').click();
    await run.openTab('inspector');
    await editor.screenshot('run-dark-1280');
    await page.getByRole('button', { name: 'Stop' }).click();
    await run.waitForStatus('stopped');
  });

  it('asks before running a pipeline from a shared link', async () => {
    const editor = await fixture.open({ spec: literalWordCount([['a b', 'b c'], ['c']]) });
    const { page, run } = editor;
    expect(await run.status()).toBe('empty'); // a link never runs by itself
    await page.getByTestId('run-primary').click();
    const dialog = page.getByRole('dialog', { name: /Run code from a shared link/ });
    await dialog.waitFor();
    expect(await dialog.getByTestId('run-confirm').textContent()).toMatch(/This pipeline contains code from a shared link\. Run it\?/);
    await editor.screenshot('run-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await run.status()).toBe('empty');
    expect(await page.getByTestId('origin').textContent()).toMatch(/not run/);

    await page.getByRole('button', { name: 'Step one batch' }).click();
    await dialog.getByRole('button', { name: 'Run it' }).click();
    await expect.poll(() => run.batchesDone()).toBe(1);
    expect(await run.nodeRecords('counts')).toBe(3); // a, b, c
    expect(await page.getByTestId('origin').textContent()).not.toMatch(/not run/);
    // Trusted now: the next step asks nothing.
    await page.getByRole('button', { name: 'Step one batch' }).click();
    await expect.poll(() => run.batchesDone()).toBe(2);
    expect(await dialog.isVisible()).toBe(false);
  });

  it('shows a failing function on its node and in the log', async () => {
    const spec = literalWordCount([['a b'], ['c'], ['b']], "(word) => { if (word === 'b') throw new Error('no b allowed'); return [word, 1]; }");
    const editor = await fixture.open({ spec, width: 1920, height: 1080, colorScheme: 'dark' });
    const { page, run } = editor;
    await page.getByRole('button', { name: 'Step one batch' }).click();
    await page.getByRole('button', { name: 'Run it' }).click();
    const badge = editor.node('pairs').getByTestId('node-run-error');
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/no b allowed\s*batch 1 s/);
    // The batch failed, and the failed batch shows in the timeline.
    expect(await run.timelineBatches().first().getAttribute('data-status')).toBe('failed');
    expect(await editor.node('counts').getByTestId('node-run-error').count()).toBe(0);

    // The next batch succeeds, the one after fails again: the badge counts.
    await page.getByRole('button', { name: 'Step one batch' }).click();
    await page.getByRole('button', { name: 'Step one batch' }).click();
    await expect.poll(() => badge.textContent()).toMatch(/batch 3 s · 2×/);

    await run.openTab('log');
    const errors = page.locator('[data-testid="log-panel"] .entry[data-level="error"]');
    await expect.poll(() => errors.count()).toBe(2);
    expect(await errors.first().getAttribute('data-node')).toBe('pairs');
    expect(await errors.first().textContent()).toMatch(/no b allowed/);
    // print()'s output, in Spark's format.
    expect(await page.getByTestId('print-block').first().textContent()).toMatch(/-{10,}\nTime: 2000 ms\n-{10,}\n\(c,1\)/);
    // Filters: errors only, then a search.
    await page.locator('[data-testid="log-panel"] [data-level="error"][role="radio"]').click();
    expect(await page.locator('[data-testid="log-panel"] .entry').count()).toBe(2);
    await editor.screenshot('run-error-dark-1920');
    await page.locator('[data-testid="log-panel"] [data-level="all"][role="radio"]').click();
    await page.getByLabel('Filter messages').fill('Time: 2000');
    expect(await page.locator('[data-testid="log-panel"] .entry').count()).toBe(1);
  });

  it('shows what a window covers and how the state changed', async () => {
    const spec: PipelineSpec = {
      version: 1,
      name: 'Windows and state',
      batchDurationMs: 1000,
      checkpoint: { enabled: true },
      nodes: [
        { id: 'words', operator: 'queueStream', params: { batches: [['a', 'b'], ['a'], ['c'], ['a']] }, position: { x: 0, y: 100 } },
        { id: 'pairs', operator: 'map', params: { mapFunc: '(w) => [w, 1]' }, position: { x: 260, y: 100 } },
        { id: 'windowed', operator: 'reduceByKeyAndWindow', params: { reduceFunc: '(a, b) => a + b', windowDurationMs: 3000 }, position: { x: 520, y: 0 } },
        { id: 'totals', operator: 'updateStateByKey', params: { updateFunc: '(values, total) => (total ?? 0) + values.length' }, position: { x: 520, y: 200 } },
        { id: 'printWindow', operator: 'print', params: {}, position: { x: 780, y: 0 } },
        { id: 'printTotals', operator: 'print', params: {}, position: { x: 780, y: 200 } },
      ],
      edges: [
        { id: 'e1', source: 'words', target: 'pairs' },
        { id: 'e2', source: 'pairs', target: 'windowed' },
        { id: 'e3', source: 'pairs', target: 'totals' },
        { id: 'e4', source: 'windowed', target: 'printWindow' },
        { id: 'e5', source: 'totals', target: 'printTotals' },
      ],
    };
    const editor = await fixture.open({ spec, width: 1920, height: 1080 });
    const { page, run } = editor;
    await page.getByRole('button', { name: 'Step one batch' }).click();
    await page.getByRole('button', { name: 'Run it' }).click();
    for (let i = 2; i <= 4; i++) {
      await expect.poll(() => run.batchesDone()).toBe(i - 1);
      await page.getByRole('button', { name: 'Step one batch' }).click();
    }
    await expect.poll(() => run.batchesDone()).toBe(4);
    await run.openTab('inspector');

    // The window at 4 s covers the batches of (1 s, 4 s], highlighted on the timeline.
    await run.inspector().locator('[data-node="windowed"]').click();
    expect(await page.getByTestId('window-coverage').textContent()).toMatch(/3 s.*\(1 s, 4 s\]/);
    expect(await page.locator('[data-testid="batch-timeline"] .covered').evaluateAll((els) => els.map((el) => el.getAttribute('data-batch')))).toEqual([
      '2000',
      '3000',
      '4000',
    ]);
    expect(await page.getByTestId('inspected-records').textContent()).toBe('2'); // a: 2, c: 1

    // The state at 4 s against 3 s: a changed (2 → 3), b and c the same.
    await run.inspector().locator('[data-node="totals"]').click();
    const rows = page.locator('[data-testid="state-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('[data-testid="state-table"] tr[data-change="changed"] td').first().textContent()).toBe('a');
    await editor.screenshot('run-state-light-1920');
    // At 3 s, c was new.
    await run.timelineBatches().nth(2).click();
    expect(await page.locator('[data-testid="state-table"] tr[data-change="new"] td').first().textContent()).toBe('c');
  });

  it('turns the edges into a slow node amber, then red, as batches queue up', async () => {
    const spec = chain('Slow map', [
      { id: 'words', operator: 'generatorStream', params: { kind: 'words', ratePerSecond: 100, seed: 3 } },
      // About 300 ms a batch, while batches are due every 250 ms at 4×.
      { id: 'slow', operator: 'map', label: 'slow map', params: { mapFunc: '(w) => { const until = Date.now() + 3; while (Date.now() < until); return [w, 1]; }' } },
      { id: 'counts', operator: 'reduceByKey', params: { reduceFunc: '(a, b) => a + b' } },
      { id: 'print', operator: 'print', params: {} },
    ]);
    const editor = await fixture.open({ spec });
    const { page, run } = editor;
    await page.getByLabel('Speed').selectOption('4');
    await page.getByTestId('run-primary').click();
    await page.getByRole('button', { name: 'Run it' }).click();
    const into = page.locator('[data-testid="edge-flow"][data-edge="e1"]');
    await expect.poll(() => into.getAttribute('data-level'), { timeout: 15_000 }).toBe('red');
    // The queue builds up in front of the slow node: the edge out of it is not marked.
    expect(await page.locator('[data-testid="edge-flow"][data-level="none"]').count()).toBe(2);
    expect(await page.locator('[data-testid="batch-timeline"] [data-status="delayed"]').count()).toBeGreaterThan(0);
    expect(await editor.node('slow').locator('.live.bottleneck').count()).toBe(1);
    await editor.screenshot('run-backpressure-light-1280');
    await page.getByRole('button', { name: 'Pause' }).click();
    await run.waitForStatus('paused');
    await expect.poll(() => page.locator('[data-testid="edge-flow"][data-level="red"]').count()).toBe(0);
  });

  it('sends a packet along each edge that carried a batch, and holds still with reduced motion', async () => {
    const spec = chain('Packets', [
      { id: 'words', operator: 'generatorStream', params: { kind: 'words', ratePerSecond: 1000, seed: 2 } },
      { id: 'pairs', operator: 'map', params: { mapFunc: '(w) => [w, 1]' } },
      { id: 'print', operator: 'print', params: {} },
    ]);
    const editor = await fixture.open({ spec });
    const { page, run } = editor;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByTestId('run-primary').click();
    await page.getByRole('button', { name: 'Run it' }).click();
    await expect.poll(() => run.batchesDone(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    // Each edge that carries records has its packet, and with reduced motion nothing moves.
    const packets = page.locator('[data-testid="flow-packet"]');
    expect(await packets.evaluateAll((els) => els.map((el) => el.getAttribute('data-edge')))).toEqual(['e1', 'e2']);
    expect(await page.evaluate(() => document.getAnimations().filter((a) => !(a instanceof CSSTransition)).length)).toBe(0);

    // Motion allowed: batches send the packets along their edges, and the status dot and the nodes' dots beat.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const moving = (selector: string) =>
      page.evaluate((s) => [...document.querySelectorAll(s)].filter((el) => el.getAnimations({ subtree: true }).length > 0).length, selector);
    await expect.poll(() => moving('[data-testid="flow-packet"]'), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => moving('[data-testid="run-status"] .dot'), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => moving('[data-testid="node-live"] .pulse'), { timeout: 10_000 }).toBeGreaterThan(0);

    // Paused, no batch moves records: the packets are gone.
    await page.getByRole('button', { name: 'Pause' }).click();
    await run.waitForStatus('paused');
    await expect.poll(() => packets.count()).toBe(0);
  });

  it('keeps the newest batch in view on the timeline, until the user scrolls back', async () => {
    // 100 ms batches at 4×: a batch every 25 ms fills the strip in a few seconds.
    const spec = {
      ...chain('Quick batches', [
        { id: 'words', operator: 'generatorStream', params: { kind: 'words', ratePerSecond: 100, seed: 4 } },
        { id: 'print', operator: 'print', params: {} },
      ]),
      batchDurationMs: 100,
    };
    const editor = await fixture.open({ spec });
    const { page, run } = editor;
    await page.getByLabel('Speed').selectOption('4');
    await page.getByTestId('run-primary').click();
    await page.getByRole('button', { name: 'Run it' }).click();
    const strip = page.getByTestId('batch-timeline');
    // More cells (13 px each) than the strip holds, then paused to look.
    const capacity = await strip.evaluate((el) => Math.ceil(el.clientWidth / 13));
    await expect.poll(() => run.timelineBatches().count(), { timeout: 30_000 }).toBeGreaterThan(capacity + 10);
    await page.getByRole('button', { name: 'Pause' }).click();
    await run.waitForStatus('paused');
    const inView = () =>
      strip.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const cells = el.querySelectorAll('[data-batch]');
        const last = cells[cells.length - 1]!.getBoundingClientRect();
        return {
          overflows: el.scrollWidth > el.clientWidth,
          fitsTheWindow: box.right <= window.innerWidth,
          newestShown: last.left >= box.left && last.right <= box.right + 0.5,
        };
      });
    // The strip catches up with the paused run's last cell within a frame or two.
    await expect.poll(inView).toEqual({ overflows: true, fitsTheWindow: true, newestShown: true });

    // Scrolled back to the first batches, the strip stays there as new ones come.
    // (The scroll event that tells the strip comes with the next frame.)
    await strip.evaluate((el) => {
      el.scrollTo({ left: 0 });
      return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    });
    const first = await run.timelineBatches().first().getAttribute('data-batch');
    const done = await run.batchesDone();
    await page.getByRole('button', { name: 'Step one batch' }).click();
    await expect.poll(() => run.batchesDone()).toBe(done + 1);
    expect(await strip.evaluate((el) => el.scrollLeft)).toBe(0);
    expect(await run.timelineBatches().first().getAttribute('data-batch')).toBe(first);
    expect((await inView()).newestShown).toBe(false);
  });

  it('keeps the page responsive at 100,000 records a second', async () => {
    const spec = chain('Firehose', [
      { id: 'words', operator: 'generatorStream', params: { kind: 'words', ratePerSecond: 100_000, seed: 1 } },
      { id: 'pairs', operator: 'map', params: { mapFunc: '(w) => [w, 1]' } },
      { id: 'counts', operator: 'reduceByKey', params: { reduceFunc: '(a, b) => a + b' } },
      { id: 'print', operator: 'print', params: {} },
    ]);
    const editor = await fixture.open({ spec, width: 1920, height: 1080, colorScheme: 'dark' });
    const { page, run } = editor;
    await page.getByTestId('run-primary').click();
    await page.getByRole('button', { name: 'Run it' }).click();
    await expect.poll(() => run.nodeRecords('words'), { timeout: 10_000 }).toBe(100_000);
    await run.openTab('charts');
    await page.locator('[data-testid="streaming-charts"]').waitFor();
    // The page keeps serving the user while the worker processes 100k records a batch: the charts
    // keep updating, and a click on Pause takes effect (after the screenshots below).
    await expect.poll(() => run.batchesDone(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(Number(await page.locator('[data-chart="inputRate"] .avg b').textContent().then((t) => t!.replace(/k\/s$/, '')))).toBeCloseTo(100, 0);
    await editor.screenshot('run-charts-dark-1920');
    await run.openTab('inspector');
    await editor.screenshot('run-dark-1920');
    await page.locator('[data-testid="theme-toggle"]').click();
    await editor.screenshot('run-light-1920');
    await page.getByRole('button', { name: 'Pause' }).click();
    await run.waitForStatus('paused');
  });
});
