import { IllegalStateError } from '../../errors.js';

/**
 * The state of one key, as `mapWithState`'s mapping function sees it (Spark: `State`). Read it
 * with `exists()`, `get()` or `getOption()`; change it with `update(s)` or `remove()`. A key that
 * has been idle longer than the spec's timeout is passed once more with `isTimingOut()` true and
 * no value; it is removed after that call and cannot be updated or removed in it.
 *
 * ```ts
 * (key: string, value: number | undefined, state: State<number>) => {
 *   const sum = (value ?? 0) + (state.getOption() ?? 0);
 *   if (!state.isTimingOut()) state.update(sum);
 *   return [key, sum];
 * }
 * ```
 */
export abstract class State<S> {
  /** Whether the key has a state (Spark: `State.exists`). */
  abstract exists(): boolean;

  /** The state; throws an `IllegalStateError` if there is none — check `exists()` or use `getOption()` (Spark: `State.get`). */
  abstract get(): S;

  /** Sets a new state; not allowed after `remove()` or while timing out (Spark: `State.update`). */
  abstract update(newState: S): void;

  /** Removes the state; not allowed twice or while timing out (Spark: `State.remove`). */
  abstract remove(): void;

  /** Whether the key timed out and this is the last call for it before it is removed (Spark: `State.isTimingOut`). */
  abstract isTimingOut(): boolean;

  /** The state, or `undefined` if there is none (Spark: `State.getOption`). */
  getOption(): S | undefined {
    return this.exists() ? this.get() : undefined;
  }

  /** The state as text, or `<state not set>` (Spark: `State.toString`). */
  toString(): string {
    return this.exists() ? String(this.get()) : '<state not set>';
  }
}

/**
 * The one `State` object a partition reuses for every key it processes: `wrap` points
 * it at a key's state and resets the flags that tell the engine what the function did
 * (Spark: `StateImpl`).
 */
export class StateImpl<S> extends State<S> {
  private state: S | undefined = undefined;
  private defined = false;
  private timingOut = false;
  private updated = false;
  private removed = false;

  exists(): boolean {
    return this.defined;
  }

  get(): S {
    if (!this.defined) {
      throw new IllegalStateError(
        'ILLEGAL_STATE',
        'State.get(): the state is not set; check state.exists() first, or use state.getOption().',
      );
    }
    return this.state as S;
  }

  update(newState: S): void {
    if (this.removed) {
      throw new IllegalStateError('ILLEGAL_STATE', 'State.update(): cannot update the state after it has been removed.');
    }
    if (this.timingOut) {
      throw new IllegalStateError(
        'ILLEGAL_STATE',
        'State.update(): cannot update the state that is timing out; it is removed after this call (check state.isTimingOut()).',
      );
    }
    this.state = newState;
    this.defined = true;
    this.updated = true;
  }

  remove(): void {
    if (this.timingOut) {
      throw new IllegalStateError(
        'ILLEGAL_STATE',
        'State.remove(): cannot remove the state that is timing out; it is removed after this call anyway.',
      );
    }
    if (this.removed) {
      throw new IllegalStateError('ILLEGAL_STATE', 'State.remove(): the state has already been removed.');
    }
    this.state = undefined;
    this.defined = false;
    this.updated = false;
    this.removed = true;
  }

  isTimingOut(): boolean {
    return this.timingOut;
  }

  /** @internal Whether the function called `remove()`. */
  isRemoved(): boolean {
    return this.removed;
  }

  /** @internal Whether the function called `update()`. */
  isUpdated(): boolean {
    return this.updated;
  }

  /** @internal Points this at a key's state, or at none when `exists` is false. */
  wrap(exists: boolean, state: S | undefined): void {
    this.state = exists ? state : undefined;
    this.defined = exists;
    this.timingOut = false;
    this.removed = false;
    this.updated = false;
  }

  /** @internal Points this at the state of a key that is timing out. */
  wrapTimingOutState(state: S): void {
    this.state = state;
    this.defined = true;
    this.timingOut = true;
    this.removed = false;
    this.updated = false;
  }
}
