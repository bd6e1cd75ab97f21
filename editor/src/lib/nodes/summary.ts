import type { JsonValue, OperatorEntry } from 'rivulet';
import { formatDuration } from '../durations';

/** One line of a node's card: a parameter and its value, shortened. */
export interface ParamLine {
  readonly name: string;
  readonly text: string;
  /** Source code or data, shown in the monospace font. */
  readonly isCode: boolean;
}

/** How many parameter lines a card shows. */
const MAX_LINES = 3;

/**
 * The parameters worth showing on a node's card: those that are set, functions and required ones
 * first, each value on one line (a function's source is squeezed onto it).
 */
export function summarizeParams(entry: OperatorEntry | undefined, params: Readonly<Record<string, JsonValue>>): ParamLine[] {
  if (!entry) {
    return Object.entries(params)
      .slice(0, MAX_LINES)
      .map(([name, value]) => ({ name, text: shorten(JSON.stringify(value)), isCode: true }));
  }
  const set = entry.params.filter((p) => params[p.name] !== undefined);
  const rank = (type: string, required: boolean | undefined) => (type === 'function' ? 0 : required ? 1 : 2);
  return set
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.type, a.p.required) - rank(b.p.type, b.p.required) || a.i - b.i)
    .slice(0, MAX_LINES)
    .map(({ p }) => {
      const value = params[p.name]!;
      switch (p.type) {
        case 'function':
          return { name: p.name, text: shorten(String(value).replace(/\s+/g, ' ')), isCode: true };
        case 'duration':
          return { name: p.name.replace(/(Duration)?Ms$/, ''), text: typeof value === 'number' ? formatDuration(value) : String(value), isCode: false };
        case 'json':
          return { name: p.name, text: shorten(JSON.stringify(value)), isCode: true };
        default:
          return { name: p.name, text: shorten(String(value)), isCode: false };
      }
    });
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
