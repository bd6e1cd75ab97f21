/**
 * Function parameters are source text: checked without running them (parse + shape + declared
 * parameter count), and compiled only by the engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError, checkFunctionSource } from '../../../src/index.js';
import { compileFunctionSource } from '../../../src/pipeline/functionSource.js';

/** Function expressions and their `fn.length`. */
const FUNCTIONS: readonly [string, number][] = [
  ['x => x', 1],
  ['(x) => x * 2', 1],
  ['() => 42', 0],
  ['(a, b) => a + b', 2],
  ['(a, b,) => a + b', 2],
  ['async (a) => a', 1],
  ['async x => x', 1],
  ['async => async', 1],
  ['function (a, b, c) { return a; }', 3],
  ['function named(a) { return a; }', 1],
  ['function* (line) { yield* line.split(" "); }', 1],
  ['async function (a, b) { return a; }', 2],
  ['(x => x)', 1],
  ['((a, b) => a)', 2],
  ['(a, b = 1, c) => a', 1],
  ['(a, ...rest) => rest', 1],
  ['({ a, b }, [c, d]) => a', 2],
  ['({ a = 1, b }) => a', 1],
  ['([k, v] = [], s) => k', 0],
  ['(key, value, state) => { const s = (state.getOption() ?? 0) + 1; state.update(s); return [key, s]; }', 3],
  ["line => line.split(/[,)(]+/g)", 1],
  ['x => `${x}, ${(y => y)(x)}`', 1],
  ["x => x.replace(/\\//g, ')')", 1],
  ['// a comment first\n(a, b) => a + b // and one after', 2],
  ['/* block */ (a /* , b */) => a', 1],
  ['(a, b) => a / b / 2', 2],
  ['x => ({ x, y: [1, 2] })', 1],
  ["(s) => s === '(' ? 1 : 2", 1],
];

describe('checkFunctionSource', () => {
  for (const [source, arity] of FUNCTIONS) {
    it(`accepts ${JSON.stringify(source)} with ${arity} declared parameter(s), as fn.length says`, () => {
      expect(checkFunctionSource(source)).toEqual({ ok: true, arity });
      // Evaluating a checked function expression runs none of its code; here (a test) it is allowed.
      expect(compileFunctionSource(source).length).toBe(arity);
    });
  }

  it('reports a syntax error with the parser\'s message', () => {
    const check = checkFunctionSource('(a, b) => a +');
    expect(check).toMatchObject({ ok: false, code: 'FUNCTION_SYNTAX' });
    expect(!check.ok && check.message).toMatch(/Unexpected|end of input/i);
  });

  it('parses in strict mode, as the exported ES module would', () => {
    expect(checkFunctionSource('x => { with (x) { return 1; } }')).toMatchObject({ ok: false, code: 'FUNCTION_SYNTAX' });
    expect(checkFunctionSource('(a, a) => a')).toMatchObject({ ok: false, code: 'FUNCTION_SYNTAX' });
  });

  const NOT_FUNCTIONS = [
    '42',
    '"x => x"',
    'Math.max',
    'class { }',
    '(x => x)(1)',
    '(function () { return 1; })()',
    'function () {}()',
    'f(), x => x',
    'x => x, f()',
    'x => x), (globalThis.pwned = 1',
    'x => x\n);\nglobalThis.pwned = 1;\n(0',
    'true ? x => 1 : 0',
    'a = x => x',
    '',
    '   ',
  ];
  for (const source of NOT_FUNCTIONS) {
    it(`rejects ${JSON.stringify(source)}: not a single function expression`, () => {
      const check = checkFunctionSource(source);
      expect(check.ok).toBe(false);
      expect(!check.ok && check.code).toMatch(/NOT_A_FUNCTION|FUNCTION_SYNTAX/);
    });
  }
});

describe('compileFunctionSource', () => {
  afterEach(() => {
    delete (globalThis as { pwned?: unknown }).pwned;
  });

  it('never evaluates text that is not one function expression', () => {
    for (const source of ['x => x), (globalThis.pwned = 1', '(x => x)(globalThis.pwned = 1)', 'globalThis.pwned = 1, x => x']) {
      expect(() => compileFunctionSource(source)).toThrow(ValidationError);
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('gives the function its scope as free variables', () => {
    const f = compileFunctionSource<(x: number) => number>('x => x * factor', { factor: 3 });
    expect(f(2)).toBe(6);
  });

  it('does not call the function it returns', () => {
    compileFunctionSource('() => { globalThis.pwned = 1; }');
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});
