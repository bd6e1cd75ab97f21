import type { Snippet } from 'svelte';

export interface DataTableProps {
  /** The header row(s): `<tr><th>…</th></tr>`. */
  head: Snippet;
  /** The body rows: `<tr><td>…</td></tr>`. */
  children: Snippet;
  /** Cells in the monospace font (records and keys as code). */
  mono?: boolean;
  /** The table's `data-testid`. */
  testid?: string;
}
