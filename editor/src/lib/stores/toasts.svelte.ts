export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly message: string;
}

/** Short messages in the corner of the canvas (a refused connection, a copied link); each fades after a while. */
export class Toasts {
  items = $state.raw<readonly Toast[]>([]);
  #next = 1;

  show(message: string, kind: ToastKind = 'info', durationMs = kind === 'error' ? 6000 : 3500): void {
    const toast = { id: this.#next++, kind, message };
    // The same message twice in a row (a refused drop repeated) shows once.
    this.items = [...this.items.filter((t) => t.message !== message), toast].slice(-4);
    setTimeout(() => this.dismiss(toast.id), durationMs);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}
