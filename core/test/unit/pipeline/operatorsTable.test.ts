/** The README's operator tables are generated from the registry, and kept up to date. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operatorRegistry, operatorsTableMarkdown } from '../../../src/index.js';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe('operatorsTableMarkdown', () => {
  it('has a row for every operator, under its category', () => {
    const table = operatorsTableMarkdown();
    for (const entry of operatorRegistry) expect(table).toContain(`| \`${entry.name}\` |`);
    expect(table.indexOf('### Windows')).toBeLessThan(table.indexOf('| `reduceByKeyAndWindow` |'));
  });

  it('is what the README shows (regenerate with `node core/scripts/operatorsTable.mjs`)', () => {
    const start = readme.indexOf('<!-- operators:start -->\n');
    const end = readme.indexOf('<!-- operators:end -->');
    expect(start, 'README.md needs an operators:start marker').toBeGreaterThan(0);
    expect(readme.slice(start + '<!-- operators:start -->\n'.length, end)).toBe(operatorsTableMarkdown());
  });
});
