import { ValidationError, messageOf } from '../errors.js';

/**
 * User functions in a `PipelineSpec` are JavaScript source text. This module checks such a text
 * WITHOUT running it — `new Function` parses it (constructing a function runs none of its code)
 * and a small tokenizer checks that the text is one function expression and counts its declared
 * parameters — and, for the compiler only, turns it into a function.
 *
 * Why the shape check: compiling evaluates the text as an expression. A function expression
 * evaluates to a closure without running anything, but `(x => x)(1)`, `f(), x => x` or
 * `x => x), (g()` (which escapes the wrapping parentheses) would run code while compiling.
 */

/** The outcome of `checkFunctionSource`: the declared parameter count (as `fn.length`), or why not. */
export type FunctionSourceCheck =
  | { readonly ok: true; readonly arity: number }
  | { readonly ok: false; readonly code: 'FUNCTION_SYNTAX' | 'NOT_A_FUNCTION'; readonly message: string };

/**
 * Checks that `source` parses as strict-mode JavaScript and is a single function expression
 * (`x => …`, `async (a, b) => …`, `function (…) { … }`, `function* …`), and returns the number
 * of parameters before the first default or rest parameter — what `fn.length` will be.
 * `scopeNames` are the free names the compiler will provide (a transform's static RDDs).
 */
export function checkFunctionSource(source: string, scopeNames: readonly string[] = []): FunctionSourceCheck {
  if (scopeNames.length > 0) return checkUncached(source, scopeNames);
  let check = checked.get(source);
  if (!check) {
    check = checkUncached(source, scopeNames);
    // The editor re-validates on every change; most functions are unchanged since the last time.
    if (checked.size >= 1000) checked.clear();
    checked.set(source, check);
  }
  return check;
}

const checked = new Map<string, FunctionSourceCheck>();

function checkUncached(source: string, scopeNames: readonly string[]): FunctionSourceCheck {
  try {
    // Only constructs (parses) the wrapper; it is never called here.
    new Function(...scopeNames, wrap(source));
  } catch (error) {
    return { ok: false, code: 'FUNCTION_SYNTAX', message: messageOf(error) };
  }
  const tokens = new Tokenizer(source).run();
  const arity = tokens && functionArity(tokens, 0, tokens.length, 0);
  if (arity === undefined) {
    return {
      ok: false,
      code: 'NOT_A_FUNCTION',
      message: 'it is not a single function expression (an arrow function or a function expression, with nothing before or after it)',
    };
  }
  return { ok: true, arity };
}

/**
 * Turns checked source text into a function, with `scope`'s entries as free variables. This
 * evaluates the text, so it belongs in the engine's worker only (see `compilePipeline`).
 */
export function compileFunctionSource<F extends (...args: never[]) => unknown>(
  source: string,
  scope: Readonly<Record<string, unknown>> = {},
): F {
  const names = Object.keys(scope);
  const check = checkFunctionSource(source, names);
  if (!check.ok) {
    throw new ValidationError('INVALID_ARGUMENT', `Function source ${JSON.stringify(source)}: ${check.message}.`);
  }
  const fn: unknown = new Function(...names, wrap(source))(...names.map((name) => scope[name]));
  if (typeof fn !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', `Function source ${JSON.stringify(source)} did not evaluate to a function.`);
  }
  return fn as F;
}

/** Strict mode, as in the ES modules `exportCode` writes; the newline ends a trailing `//` comment. */
function wrap(source: string): string {
  return `"use strict";\nreturn (\n${source}\n);`;
}

// ---- Shape ----

interface Token {
  readonly kind: 'name' | 'punct' | 'literal';
  readonly text: string;
  /** Bracket nesting outside the token; an opener and its closer share their depth. */
  readonly depth: number;
  /** For an opener, the index of its closer. */
  match?: number;
}

/**
 * The declared parameter count if tokens [start, end) at nesting `depth` are exactly one function
 * expression, possibly parenthesized; otherwise `undefined`.
 */
function functionArity(tokens: readonly Token[], start: number, end: number, depth: number): number | undefined {
  const at = (i: number): Token | undefined => (i < end ? tokens[i] : undefined);
  const is = (i: number, text: string): boolean => at(i)?.text === text && at(i)!.kind !== 'literal';
  if (is(start, '(') && tokens[start]!.match === end - 1) return functionArity(tokens, start + 1, end - 1, depth + 1);

  let i = start;
  if (is(i, 'async') && !is(i + 1, '=>')) i++;
  if (is(i, 'function')) {
    i++;
    if (is(i, '*')) i++;
    if (at(i)?.kind === 'name') i++;
    if (!is(i, '(')) return undefined;
    const paramsEnd = tokens[i]!.match!;
    if (!is(paramsEnd + 1, '{') || tokens[paramsEnd + 1]!.match !== end - 1) return undefined;
    return countParams(tokens, i + 1, paramsEnd, depth + 1);
  }
  let arity: number;
  let body: number;
  if (at(i)?.kind === 'name' && is(i + 1, '=>')) {
    arity = 1;
    body = i + 2;
  } else if (is(i, '(') && is(tokens[i]!.match! + 1, '=>')) {
    arity = countParams(tokens, i + 1, tokens[i]!.match!, depth + 1);
    body = tokens[i]!.match! + 2;
  } else {
    return undefined;
  }
  if (body >= end) return undefined;
  // A top-level comma would make a sequence expression: `x => x, f()` evaluates `f()`.
  for (let j = body; j < end; j++) if (tokens[j]!.depth === depth && is(j, ',')) return undefined;
  return arity;
}

/** `fn.length`: the parameters before the first one with a default value or a rest parameter. */
function countParams(tokens: readonly Token[], start: number, end: number, depth: number): number {
  let count = 0;
  let segmentStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && !(tokens[i]!.depth === depth && tokens[i]!.text === ',')) continue;
    if (i > segmentStart) {
      const segment = tokens.slice(segmentStart, i);
      if (segment[0]!.text === '...') return count;
      if (segment.some((t) => t.depth === depth && t.kind === 'punct' && t.text === '=')) return count;
      count++;
    }
    segmentStart = i + 1;
  }
  return count;
}

// ---- Tokens ----

const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
];
const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
/** After these words an expression starts, so `/` begins a regular expression. */
const BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

/**
 * Splits source that already parsed into tokens, skipping comments and keeping strings, templates,
 * regular expressions and numbers whole. Returns `undefined` if brackets do not balance — which,
 * for text that parsed inside the wrapper, means it closed the wrapper's parenthesis.
 */
class Tokenizer {
  private pos = 0;
  private depth = 0;
  private readonly tokens: Token[] = [];
  /** Indexes of the open brackets. */
  private readonly open: number[] = [];

  constructor(private readonly src: string) {}

  run(): Token[] | undefined {
    return this.scan(false) && this.open.length === 0 ? this.tokens : undefined;
  }

  /** Scans tokens to the end, or to the `}` closing a template substitution; false if unbalanced. */
  private scan(inTemplate: boolean): boolean {
    const src = this.src;
    const base = this.open.length;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      const next = src[this.pos + 1];
      if (/\s/.test(c)) this.pos++;
      else if (c === '/' && next === '/') this.skipTo('\n', 0);
      else if (c === '/' && next === '*') this.skipTo('*/', 2);
      else if (c === '"' || c === "'") this.push('literal', this.stringEnd(c));
      else if (c === '`') this.push('literal', this.templateEnd());
      else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) this.push('literal', this.matchEnd(/[0-9A-Za-z_.]*/y));
      else if (/[A-Za-z_$#\\]/.test(c) || c.charCodeAt(0) > 127) this.push('name', this.matchEnd(/(?:[\w$#\u0080-\uffff]|\\u(?:\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4}))+/y));
      else if (c === '/' && this.regexAllowed()) this.push('literal', this.regexEnd());
      else if (c in CLOSERS) {
        this.open.push(this.tokens.length);
        this.push('punct', this.pos + 1);
        this.depth++;
      } else if (c === ')' || c === ']' || c === '}') {
        if (inTemplate && c === '}' && this.open.length === base) {
          this.pos++;
          return true;
        }
        if (this.open.length === base) return false;
        const opener = this.tokens[this.open.pop()!]!;
        if (CLOSERS[opener.text] !== c) return false;
        opener.match = this.tokens.length;
        this.depth--;
        this.push('punct', this.pos + 1);
      } else {
        const punctuator = PUNCTUATORS.find((p) => src.startsWith(p, this.pos)) ?? c;
        this.push('punct', this.pos + punctuator.length);
      }
    }
    return !inTemplate;
  }

  private push(kind: Token['kind'], end: number): void {
    this.tokens.push({ kind, text: this.src.slice(this.pos, end), depth: this.depth });
    this.pos = end;
  }

  private skipTo(terminator: string, extra: number): void {
    const end = this.src.indexOf(terminator, this.pos + 2);
    this.pos = end < 0 ? this.src.length : end + extra;
  }

  private matchEnd(pattern: RegExp): number {
    pattern.lastIndex = this.pos;
    pattern.test(this.src);
    return Math.max(pattern.lastIndex, this.pos + 1);
  }

  private stringEnd(quote: string): number {
    let i = this.pos + 1;
    while (i < this.src.length && this.src[i] !== quote) i += this.src[i] === '\\' ? 2 : 1;
    return i + 1;
  }

  /** Scans a template literal, tokenizing its substitutions one level deeper. */
  private templateEnd(): number {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== '`') {
      if (this.src[this.pos] === '\\') this.pos += 2;
      else if (this.src.startsWith('${', this.pos)) {
        this.pos += 2;
        this.depth++;
        this.scan(true);
        this.depth--;
      } else this.pos++;
    }
    const end = this.pos + 1;
    this.pos = start;
    return end;
  }

  private regexEnd(): number {
    let i = this.pos + 1;
    let inClass = false;
    while (i < this.src.length) {
      const c = this.src[i]!;
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      i++;
    }
    i++;
    while (i < this.src.length && /[a-z]/.test(this.src[i]!)) i++;
    return i;
  }

  private regexAllowed(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    if (!last) return true;
    if (last.kind === 'literal') return false;
    if (last.kind === 'name') return BEFORE_EXPRESSION.has(last.text);
    return last.text !== ')' && last.text !== ']' && last.text !== '}';
  }
}
