/**
 * The shared setup of the editor's end-to-end suites: serves the built editor (editor/dist, `vite
 * preview` unless a suite brings its own server), launches Chromium once per file, opens fresh
 * pages on the editor — each in its own browser context, with its own IndexedDB and localStorage —
 * and after every test closes them and expects that none logged a console error. Screenshots for
 * people land in editor/e2e/ (gitignored; `EditorPage.screenshot`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { PipelineSpec } from 'rivulet';
import { preview } from 'vite';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from './chromium.ts';
import { EditorPage, screenshotDir } from './editorPage.ts';

const editorRoot = fileURLToPath(new URL('../../editor/', import.meta.url));
/** The built editor: a static site. */
export const editorDist = `${editorRoot}dist/`;
const examplesDir = fileURLToPath(new URL('../../examples/pipelines/', import.meta.url));

/** A server of the built editor, as a suite starts it. */
export interface SiteServer {
  /** Where the editor is served (ends with `/`). */
  readonly url: string;
  close(): Promise<void>;
}

/** How to open the editor: 1280×800 in the light theme unless told otherwise. */
export interface OpenOptions {
  readonly width?: number;
  readonly height?: number;
  readonly colorScheme?: 'light' | 'dark';
  /** A URL to open instead of the editor's own (a shared link). */
  readonly at?: string;
  /** A pipeline to open through a shared link (untrusted: it does not run by itself). */
  readonly spec?: PipelineSpec;
  /** Called with the new page before it opens the editor (to listen to its requests and workers). */
  readonly onpage?: (page: Page) => void;
}

export interface EditorFixture {
  /** The editor's URL (set once the suite has started). */
  readonly url: string;
  /** A fresh page on the editor, waiting until the flow has drawn its graph. */
  open(options?: OpenOptions): Promise<EditorPage>;
  /** A link to the editor that carries `spec`, as the Share dialog makes it (deflate-raw, base64url). */
  sharedLink(spec: PipelineSpec): string;
}

/**
 * Sets up the suite of the calling file (its `beforeAll`, `afterEach` and `afterAll` hooks) and
 * returns the means to open the editor. `serve` starts the server of editor/dist; by default
 * `vite preview`.
 */
export function useEditorFixture(options: { serve?: (dist: string) => Promise<SiteServer> } = {}): EditorFixture {
  let server: SiteServer | undefined;
  let browser: Browser | undefined;
  /** The editors opened by the running test; each must end without console errors. */
  const opened: EditorPage[] = [];

  beforeAll(async () => {
    if (!existsSync(`${editorDist}index.html`)) throw new Error('editor/dist is missing: run `npm run build -w editor` first');
    mkdirSync(screenshotDir, { recursive: true });
    server = await (options.serve ?? previewServer)(editorDist);
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

  const fixture: EditorFixture = {
    get url() {
      if (!server) throw new Error('The editor is not served yet: open it in a test, not while the suite is collected');
      return server.url;
    },
    async open(open = {}) {
      const context = await browser!.newContext({
        viewport: { width: open.width ?? 1280, height: open.height ?? 800 },
        colorScheme: open.colorScheme ?? 'light',
      });
      const page = await context.newPage();
      open.onpage?.(page);
      const editor = new EditorPage(page);
      opened.push(editor);
      await editor.open(open.at ?? (open.spec ? fixture.sharedLink(open.spec) : fixture.url));
      return editor;
    },
    sharedLink(spec) {
      return sharedLinkTo(fixture.url, spec);
    },
  };
  return fixture;
}

/** A link to the editor served at `url` that carries `spec`, as the Share dialog makes it (deflate-raw, base64url). */
export function sharedLinkTo(url: string, spec: PipelineSpec): string {
  return `${url}#pipeline=${deflateRawSync(Buffer.from(JSON.stringify(spec))).toString('base64url')}`;
}

/** `vite preview` of editor/dist on a free port (for a suite's `serve`, or a benchmark outside vitest). */
export async function previewServer(): Promise<SiteServer> {
  const server = await preview({ root: editorRoot, logLevel: 'warn', preview: { port: 0, strictPort: false } });
  return { url: server.resolvedUrls!.local[0]!, close: () => server.close() };
}

// ---- The example pipelines ----

/** The pipelines of examples/pipelines/, by file name without `.json`. */
export function examplePipelines(): Map<string, PipelineSpec> {
  return new Map(
    readdirSync(examplesDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f.replace(/\.json$/, ''), examplePipeline(f.replace(/\.json$/, ''))]),
  );
}

/** The example pipeline of examples/pipelines/`name`.json. */
export function examplePipeline(name: string): PipelineSpec {
  return JSON.parse(readFileSync(`${examplesDir}${name}.json`, 'utf8')) as PipelineSpec;
}
