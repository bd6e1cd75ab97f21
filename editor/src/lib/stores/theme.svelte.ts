import { MediaQuery } from 'svelte/reactivity';

export type ThemeName = 'light' | 'dark';

const STORAGE_KEY = 'rivulet.theme';

/**
 * Light or dark: the system's preference (`prefers-color-scheme`) until the user picks one, which
 * is remembered. `apply()` sets `data-theme` on the document root, which the CSS variables and
 * `color-scheme` follow; Svelte Flow gets `current` as its `colorMode`.
 */
export class Theme {
  #system = new MediaQuery('(prefers-color-scheme: dark)', false);
  #chosen = $state<ThemeName | undefined>(readChoice());

  readonly current: ThemeName = $derived(this.#chosen ?? (this.#system.current ? 'dark' : 'light'));

  toggle(): void {
    this.#chosen = this.current === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(STORAGE_KEY, this.#chosen);
    } catch {
      // Storage may be off (private mode); the choice then lasts for this page only.
    }
  }

  /**
   * Reflects `current` on the document root; call from an effect. Transitions are off for the
   * frame that switches: otherwise a button whose background fades would show the new text colour
   * on the old background, unreadable for a moment.
   */
  apply(): void {
    const root = document.documentElement;
    if (root.dataset.theme === this.current) return;
    root.classList.add('theme-switching');
    root.dataset.theme = this.current;
    requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove('theme-switching')));
  }
}

function readChoice(): ThemeName | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : undefined;
  } catch {
    return undefined;
  }
}
