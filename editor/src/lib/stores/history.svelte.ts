import type { PipelineSpec } from 'rivulet';

/** One entry of the history: a spec and its JSON text, which tells equal snapshots apart cheaply. */
interface Snapshot {
  readonly spec: PipelineSpec;
  readonly json: string;
}

/** Edits with the same key this close together become one undo step (typing in a field). */
const COALESCE_MS = 1200;
/** Older steps are forgotten past this many. */
const MAX_STEPS = 200;

/**
 * Undo and redo over `PipelineSpec` snapshots. The editor records a snapshot after every change
 * it makes (`record`), and gets the spec to show back from `undo` and `redo`. Snapshots are plain
 * data, so a step restores nodes, edges, parameters, positions and the pipeline's settings alike.
 */
export class History {
  #past = $state.raw<readonly Snapshot[]>([]);
  #future = $state.raw<readonly Snapshot[]>([]);
  #present: Snapshot | undefined;
  #lastKey: string | undefined;
  #lastAt = 0;

  readonly canUndo = $derived(this.#past.length > 0);
  readonly canRedo = $derived(this.#future.length > 0);

  /** Forgets every step and starts again from `spec` (a pipeline was opened). */
  reset(spec: PipelineSpec): void {
    this.#past = [];
    this.#future = [];
    this.#present = snapshot(spec);
    this.#lastKey = undefined;
  }

  /**
   * Records `spec` as the newest step, unless it equals the current one. A change with the same
   * `key` as the previous one, soon after it, replaces that step instead of adding one.
   */
  record(spec: PipelineSpec, key?: string): void {
    const next = snapshot(spec);
    if (this.#present?.json === next.json) return;
    const now = Date.now();
    const coalesce = key !== undefined && key === this.#lastKey && now - this.#lastAt < COALESCE_MS && this.#past.length > 0;
    if (!coalesce && this.#present) this.#past = [...this.#past, this.#present].slice(-MAX_STEPS);
    this.#present = next;
    this.#future = [];
    this.#lastKey = key;
    this.#lastAt = now;
  }

  /** The spec before the current one, which becomes current; undefined if there is none. */
  undo(): PipelineSpec | undefined {
    const previous = this.#past.at(-1);
    if (!previous || !this.#present) return undefined;
    this.#past = this.#past.slice(0, -1);
    this.#future = [...this.#future, this.#present];
    this.#present = previous;
    this.#lastKey = undefined;
    return previous.spec;
  }

  /** The spec undone last, which becomes current again; undefined if there is none. */
  redo(): PipelineSpec | undefined {
    const next = this.#future.at(-1);
    if (!next || !this.#present) return undefined;
    this.#future = this.#future.slice(0, -1);
    this.#past = [...this.#past, this.#present];
    this.#present = next;
    this.#lastKey = undefined;
    return next.spec;
  }
}

function snapshot(spec: PipelineSpec): Snapshot {
  return { spec, json: JSON.stringify(spec) };
}
