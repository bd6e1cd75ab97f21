import type { OperatorCategory } from 'rivulet';
import type { IconName } from './components/Icon';

/** How the editor shows an operator category: its palette group, accent colour and icon. */
export interface CategoryStyle {
  readonly category: OperatorCategory;
  /** The palette group's heading. */
  readonly title: string;
  /** A CSS colour (a variable of app.css, so it follows the theme). */
  readonly color: string;
  readonly icon: IconName;
}

/** The categories in palette order (Spark's programming guide's order). */
export const categoryStyles: readonly CategoryStyle[] = [
  { category: 'source', title: 'Sources', color: 'var(--cat-source)', icon: 'source' },
  { category: 'transformation', title: 'Transformations', color: 'var(--cat-transformation)', icon: 'transformation' },
  { category: 'window', title: 'Windows', color: 'var(--cat-window)', icon: 'window' },
  { category: 'state', title: 'State', color: 'var(--cat-state)', icon: 'state' },
  { category: 'join', title: 'Joins', color: 'var(--cat-join)', icon: 'join' },
  { category: 'output', title: 'Outputs', color: 'var(--cat-output)', icon: 'output' },
];

const byCategory = new Map(categoryStyles.map((style) => [style.category, style]));

/** The style of a category; an operator the registry does not know gets a neutral one. */
export function categoryStyle(category: OperatorCategory | undefined): CategoryStyle {
  return (category && byCategory.get(category)) ?? { category: 'transformation', title: 'Unknown', color: 'var(--text-muted)', icon: 'alert' };
}
