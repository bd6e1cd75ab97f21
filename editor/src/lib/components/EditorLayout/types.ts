import type { Opening } from '../../opening';

export interface EditorLayoutProps {
  /** Why the pipeline of the page's link could not be opened, shown once on start. */
  openingFailure?: Opening['failure'];
}
