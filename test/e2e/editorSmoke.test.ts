/**
 * The built editor renders in Chromium: `vite preview` serves editor/dist (built by `npm test`),
 * and the word-count flow shows up with no console errors. Leaves a screenshot for humans in
 * editor/e2e/smoke.png (gitignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordCountEdges, wordCountNodes } from '../../editor/src/lib/flows/wordCount.ts';
import { launchChromium } from './chromium.ts';

const editor = fileURLToPath(new URL('../../editor/', import.meta.url));

let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${editor}dist/index.html`)) throw new Error('editor/dist is missing: run `npm run build -w editor` first');
  server = await preview({ root: editor, logLevel: 'warn', preview: { port: 0, strictPort: false } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('editor', () => {
  it('renders the word-count flow without console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(server.resolvedUrls!.local[0]);
    // Edges are drawn once the nodes have been measured. (A straight edge has an empty bounding
    // box, which Playwright calls hidden, so wait for it to be attached rather than visible.)
    await page.locator('.svelte-flow__edge-path').nth(wordCountEdges.length - 1).waitFor({ state: 'attached' });

    expect(await page.locator('header h1').textContent()).toBe('Rivulet');
    expect(await page.locator('.svelte-flow__node').count()).toBe(wordCountNodes.length);
    expect(await page.locator('.svelte-flow__edge').count()).toBe(wordCountEdges.length);
    expect(await page.locator('.svelte-flow__minimap').count()).toBe(1);
    expect(errors).toEqual([]);

    mkdirSync(`${editor}e2e`, { recursive: true });
    await page.screenshot({ path: `${editor}e2e/smoke.png` });
  });
});
