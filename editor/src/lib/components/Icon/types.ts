import type { IconName } from './icons';

export type { IconName };

export interface IconProps {
  name: IconName;
  /** Width and height in px. */
  size?: number;
  /** Accessible name; without it the icon is decorative and hidden from assistive technology. */
  title?: string;
}
