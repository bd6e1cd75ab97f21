/**
 * The built editor (`npm run build` → editor/dist) is a static site: served by a plain file server
 * under a subpath — no Vite, no rewrites — it loads, starts the engine's worker, and runs the
 * gallery's first example until counts show on its nodes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorDist, useEditorFixture, type SiteServer } from './editorFixture.ts';

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

/** Serves `root` at `SUBPATH` as files, and nothing else: 404 outside it, no SPA fallback. */
async function fileServer(root: string): Promise<SiteServer> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!path.startsWith(SUBPATH)) return void response.writeHead(404).end();
    const file = normalize(join(root, path.slice(SUBPATH.length) || 'index.html'));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return void response.writeHead(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUBPATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const fixture = useEditorFixture({ serve: fileServer });

describe('static site', () => {
  it('refers to its assets by relative paths', () => {
    const html = readFileSync(`${editorDist}index.html`, 'utf8');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u, u).toMatch(/^\.\//);
  });

  it("runs the gallery's first example from a plain file server under a subpath", async () => {
    const failed: string[] = [];
    const workers: string[] = [];
    const editor = await fixture.open({
      onpage: (page) => {
        page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
        page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
        page.on('worker', (w) => workers.push(w.url()));
      },
    });
    const { page, run } = editor;
    await page.getByTestId('open-gallery').click();
    const first = page.locator('[data-testid="gallery"] > li').first();
    const title = (await first.locator('h3').textContent())!;
    await first.getByRole('button', { name: `Open ${title}` }).click();
    await page.getByRole('dialog', { name: 'Examples' }).waitFor({ state: 'hidden' });
    await page.getByTestId('run-primary').click();
    await expect.poll(() => run.status()).toBe('running');

    // Counts on the nodes: the engine's worker ran batches.
    await editor.node('wordCounts').getByTestId('node-live').waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await run.nodeRecords('wordCounts')) ?? 0).toBeGreaterThan(0);
    expect(await run.nodeRecords('lines')).toBeGreaterThan(0);
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) expect(w.startsWith(`${fixture.url}assets/`), w).toBe(true);
    expect(failed).toEqual([]);
  });
});
