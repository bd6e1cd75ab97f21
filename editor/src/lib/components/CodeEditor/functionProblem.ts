import { checkFunctionSource } from 'rivulet';

/**
 * Why `source` is not a usable pipeline function, or undefined if it is (or is empty, which the
 * pipeline's validation reports as a missing parameter). The text is only parsed — by
 * `checkFunctionSource`, which constructs a `Function` without calling it — never run.
 */
export function functionProblem(source: string): string | undefined {
  if (source.trim() === '') return undefined;
  const check = checkFunctionSource(source);
  if (check.ok) return undefined;
  return check.code === 'FUNCTION_SYNTAX' ? `Syntax error: ${check.message}` : `Not a function: ${check.message}`;
}
