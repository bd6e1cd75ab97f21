/**
 * A lint, as a test: the engine runs unchanged in a Web Worker, a browser page and Node, so Node
 * modules (`node:fs`, `path`, `net`...) and browser globals (`window`, `document`, `indexedDB`)
 * may appear only in the places listed in `allowed`. Globals are found with the type checker, so a
 * local variable that happens to be called `window` is not one.
 */
import { readdir } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Where platform-specific code may live, as path prefixes relative to the repository root.
 * Connectors that are Node- or browser-only by nature (a TCP socket source, a WebSocket source)
 * are added here one file at a time, so each exception is a deliberate, reviewed line.
 */
const allowed = {
  nodeModules: ['core/src/platform/node/', 'core/src/node.ts'],
  browserGlobals: ['core/src/platform/browser/'],
};

const browserGlobals = new Set(['window', 'document', 'indexedDB', 'WebSocket', 'EventSource']);
/** npm packages that stand in for browser APIs in Node (`webSocketTextStream`, `eventSourceStream`): Node-only too. */
const nodeOnlyPackages = new Set(['ws', 'eventsource']);
const nodeModules = new Set([...builtinModules, ...nodeOnlyPackages]);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly kind: 'nodeModule' | 'browserGlobal';
  readonly name: string;
}

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  noResolve: true,
  noEmit: true,
  skipLibCheck: true,
};

function isNodeModule(specifier: string): boolean {
  return specifier.startsWith('node:') || nodeModules.has(specifier) || nodeModules.has(specifier.split('/')[0]!);
}

/** The module specifier a node imports, for `import`/`export ... from`, `import()` and `require()`. */
function importedModule(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const expression = node.moduleReference.expression;
    return ts.isStringLiteral(expression) ? expression.text : undefined;
  }
  if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
    const callee = node.expression;
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
    if (isImport || isRequire) return node.arguments[0].text;
  }
  return undefined;
}

/** Every Node-module import and browser-global reference in `fileNames`, per `program`. */
function findViolations(program: ts.Program, fileNames: readonly string[], display: (f: string) => string): Violation[] {
  const checker = program.getTypeChecker();
  const violations: Violation[] = [];
  for (const fileName of fileNames) {
    const source = program.getSourceFile(fileName)!;
    const report = (node: ts.Node, kind: Violation['kind'], name: string): void => {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      violations.push({ file: display(fileName), line, kind, name });
    };
    const visit = (node: ts.Node): void => {
      const specifier = importedModule(node);
      if (specifier !== undefined && isNodeModule(specifier)) report(node, 'nodeModule', specifier);
      if (ts.isIdentifier(node) && browserGlobals.has(node.text)) {
        const declarations = checker.getSymbolAtLocation(node)?.declarations ?? [];
        if (declarations.some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()))) {
          report(node, 'browserGlobal', node.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return violations;
}

/** Checks in-memory sources, to test the scanner itself. */
function violationsIn(files: Record<string, string>): Violation[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name in files ? ts.createSourceFile(name, files[name]!, version) : getSourceFile(name, version, ...rest);
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  const program = ts.createProgram({ rootNames: Object.keys(files), options, host });
  return findViolations(program, Object.keys(files), (f) => f);
}

async function engineSources(): Promise<string[]> {
  const srcDir = `${repoRoot}core/src/`;
  const entries = await readdir(srcDir, { recursive: true });
  return entries.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => `${srcDir}${f.split('\\').join('/')}`);
}

describe('platform boundary', () => {
  it('the scanner finds Node imports and browser globals, and nothing else', () => {
    const found = violationsIn({
      '/v/bad.ts': [
        "import { readFile } from 'node:fs/promises';",
        "import { join } from 'path';",
        "export * from 'net';",
        "const lazy = () => import('fs');",
        'const w = window.location;',
        'const db = globalThis.indexedDB;',
        'const title: typeof document.title = document.title;',
        "import { WebSocket as Ws } from 'ws';",
        'const socket = new WebSocket(String(Ws));',
        'export { readFile, join, lazy, w, db, title, socket };',
      ].join('\n'),
      '/v/good.ts': [
        "import { openDB } from 'idb';",
        "import { x } from './path.js';",
        'const window = [1, 2];',
        'function slice(document: string): string { return document; }',
        'class S { window(): number[] { return window; } }',
        'const o = { indexedDB: 1, document: 2 };',
        'export { openDB, x, slice, S, o };',
      ].join('\n'),
    });
    expect(found.map((v) => `${v.file}:${v.line} ${v.name}`)).toEqual([
      '/v/bad.ts:1 node:fs/promises',
      '/v/bad.ts:2 path',
      '/v/bad.ts:3 net',
      '/v/bad.ts:4 fs',
      '/v/bad.ts:5 window',
      '/v/bad.ts:6 indexedDB',
      '/v/bad.ts:7 document',
      '/v/bad.ts:7 document',
      '/v/bad.ts:8 ws',
      '/v/bad.ts:9 WebSocket',
    ]);
  }, 60_000);

  it('Node modules and browser globals appear only where the allow-list says', async () => {
    const files = await engineSources();
    expect(files.length).toBeGreaterThan(50);
    const program = ts.createProgram({ rootNames: files, options });
    const violations = findViolations(program, files, (f) => f.slice(repoRoot.length));
    const outside = violations.filter((v) => {
      const places = v.kind === 'nodeModule' ? allowed.nodeModules : allowed.browserGlobals;
      return !places.some((place) => v.file.startsWith(place));
    });
    expect(outside.map((v) => `${v.file}:${v.line} uses ${v.kind === 'nodeModule' ? `'${v.name}'` : `the global ${v.name}`}`)).toEqual([]);
    // The adapters themselves are seen by the scan (so the allow-list is not vacuous).
    expect(violations.some((v) => v.file === 'core/src/platform/node/NodeFileSystem.ts')).toBe(true);
    expect(violations.some((v) => v.file === 'core/src/platform/node/nodeSources.ts' && v.name === 'ws')).toBe(true);
    expect(violations.some((v) => v.file === 'core/src/platform/browser/browserSources.ts' && v.name === 'WebSocket')).toBe(true);
  }, 60_000);
});
