/**
 * The built editor (`npm run build` → editor/dist) is a static site: served by a plain file server
 * under a subpath — no Vite, no rewrites — it loads, starts the engine's worker, and runs the
 * gallery's first example until counts show on its nodes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { EditorPage } from './editorPage.ts';

const dist = fileURLToPath(new URL('../../editor/dist/', import.meta.url));
/** Where the site is mounted: anything but the host's root. */
const SUBPATH = '/tools/rivulet/';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Serves `root` at `prefix` as files, and nothing else: 404 outside it, no SPA fallback. */
function fileServer(root: string, prefix: string): Server {
  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!path.startsWith(prefix)) return void response.writeHead(404).end();
    const file = normalize(join(root, path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return void response.writeHead(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
}

let server: Server;
let browser: Browser;
let site: string;

beforeAll(async () => {
  if (!existsSync(`${dist}index.html`)) throw new Error('editor/dist is missing: run `npm run build` first');
  server = fileServer(dist, SUBPATH);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUBPATH}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('static site', () => {
  it('refers to its assets by relative paths', () => {
    const html = readFileSync(`${dist}index.html`, 'utf8');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u, u).toMatch(/^\.\//);
  });

  it("runs the gallery's first example from a plain file server under a subpath", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const editor = new EditorPage(await context.newPage());
    const { page } = editor;
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    try {
      await editor.open(site);
      await page.locator('[data-testid="open-gallery"]').click();
      const first = page.locator('[data-testid="gallery"] > li').first();
      const title = (await first.locator('h3').textContent())!;
      await first.getByRole('button', { name: `Open ${title}` }).click();
      await page.getByRole('dialog', { name: 'Examples' }).waitFor({ state: 'hidden' });
      await page.locator('[data-testid="run-primary"]').click();
      await expect.poll(() => page.locator('[data-testid="run-status"]').getAttribute('data-status')).toBe('running');

      // Counts on the nodes: the engine's worker ran batches.
      const counts = page.locator('.svelte-flow__node[data-id="wordCounts"] [data-testid="node-live"]');
      await counts.waitFor({ timeout: 20_000 });
      await expect.poll(async () => Number(await counts.getAttribute('data-records'))).toBeGreaterThan(0);
      expect(Number(await page.locator('.svelte-flow__node[data-id="lines"] [data-testid="node-live"]').getAttribute('data-records'))).toBeGreaterThan(0);
      expect(workers.length).toBeGreaterThan(0);
      for (const w of workers) expect(w.startsWith(`${site}assets/`), w).toBe(true);
      expect(failed).toEqual([]);
      expect(editor.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
