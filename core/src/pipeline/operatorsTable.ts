import type { JsonValue } from './PipelineSpec.js';
import type { OperatorCategory, OperatorEntry, ParamSpec } from './registry/OperatorEntry.js';
import { operatorRegistry } from './registry/operatorRegistry.js';

const HEADINGS: Readonly<Record<OperatorCategory, string>> = {
  source: 'Sources',
  transformation: 'Transformations',
  join: 'Joins',
  window: 'Windows',
  state: 'State',
  output: 'Outputs',
};

/**
 * The README's operator reference, as Markdown: one table per category, generated from
 * `operatorRegistry` (the README section between the `operators` markers is this text; a test
 * keeps it up to date, and `node core/scripts/operatorsTable.mjs` rewrites it).
 */
export function operatorsTableMarkdown(entries: readonly OperatorEntry[] = operatorRegistry): string {
  const sections: string[] = [];
  for (const category of Object.keys(HEADINGS) as OperatorCategory[]) {
    const rows = entries.filter((e) => e.category === category);
    if (rows.length === 0) continue;
    sections.push(
      [
        `### ${HEADINGS[category]}`,
        '',
        '| Operator | Inputs → output | Parameters | What it does |',
        '|---|---|---|---|',
        ...rows.map((e) => `| \`${e.name}\` | ${ports(e)} | ${e.params.map(param).join('<br>') || '—'} | ${cell(describeEntry(e))} |`),
      ].join('\n'),
    );
  }
  const legend =
    'Durations are in milliseconds (`…Ms`) and functions are JavaScript source text. Kinds: `pairs` are ' +
    '`[key, value]` arrays, `values` are anything else, `any` is not known until run time; a `pairs` input ' +
    'rejects a `values` stream. `?` marks an optional parameter, `= x` its default.';
  return [legend, ...sections].join('\n\n') + '\n';
}

function ports(entry: OperatorEntry): string {
  const inputs = entry.inputs.map((p) => (entry.inputs.length > 1 ? `${p.name}: ${p.kind}` : p.kind)).join(', ');
  const output = entry.output === undefined ? '—' : typeof entry.output === 'function' ? 'per params' : entry.output === 'input' ? 'same as input' : entry.output;
  return `${inputs || '—'} → ${output}`;
}

function param(spec: ParamSpec): string {
  const type = spec.type === 'function' ? `\`${spec.signature}\`` : spec.type === 'enum' ? spec.options!.map((o) => `'${o}'`).join(' \\| ') : spec.type;
  const optional = spec.required ? '' : '?';
  const fallback = spec.default === undefined ? '' : ` = \`${json(spec.default)}\``;
  return cell(`\`${spec.name}\`${optional}: ${type}${fallback}`);
}

function describeEntry(entry: OperatorEntry): string {
  const stateful =
    entry.stateful === undefined ? '' : entry.stateful === true ? ' **Stateful.**' : ` **Stateful** with \`${entry.stateful.whenParam}\`.`;
  // API names (`DStream.window`) in code spans; the rest of the text as it is.
  const spark = entry.spark.replace(/\b[A-Z]\w*\.\w+/g, (name) => `\`${name}\``);
  return `${entry.description}${stateful} Spark: ${spark}.`;
}

function json(value: JsonValue): string {
  return JSON.stringify(value);
}

/** Escapes what would break a table cell: pipes, newlines, and `<` outside code spans (an HTML tag to Markdown). */
function cell(text: string): string {
  return text
    .replace(/(?<!\\)\|/g, '\\|')
    .replace(/\n/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;').replace(/>/g, '&gt;') : part))
    .join('`');
}
