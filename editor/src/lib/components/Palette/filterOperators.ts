import type { OperatorEntry } from 'rivulet';
import { categoryStyles } from '../../categories';
import type { PaletteGroup } from './types';

/**
 * The registry's operators grouped by category, in palette order, keeping those whose name,
 * description or Spark counterpart contains every word of `query` (case-insensitive).
 */
export function filterOperators(registry: readonly OperatorEntry[], query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (entry: OperatorEntry) => {
    const text = `${entry.name} ${entry.description} ${entry.spark}`.toLowerCase();
    return words.every((word) => text.includes(word));
  };
  return categoryStyles
    .map(({ category, title }) => ({ category, title, entries: registry.filter((e) => e.category === category && matches(e)) }))
    .filter((group) => group.entries.length > 0);
}
