/**
 * Names a static RDD may take: identifiers that are not reserved words, and not the names the
 * exported program itself declares or imports (`ssc`, `rivulet`'s exports).
 */
export function isPlainIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED_NAMES.has(name);
}

/** JavaScript's reserved words, the globals functions commonly use, and what exported code declares. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  // reserved words (strict mode, modules)
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments', 'eval', 'async', 'of',
  // globals a function may use
  'undefined', 'NaN', 'Infinity', 'globalThis', 'console', 'Math', 'JSON', 'Object', 'Array', 'String', 'Number',
  'Boolean', 'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Symbol', 'Error', 'RegExp', 'BigInt', 'Intl',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'structuredClone',
  // keys that reach prototypes
  '__proto__', 'constructor', 'prototype',
  // what exported code declares or imports
  'ssc', 'rivulet', 'StreamingContext', 'DStream', 'StateSpec', 'Milliseconds', 'Seconds', 'Minutes',
]);
