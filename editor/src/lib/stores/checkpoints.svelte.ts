import type { CheckpointSummary } from 'rivulet';
import { untrack } from 'svelte';
import type { RunStore } from './run.svelte';
import type { Toasts } from './toasts.svelte';

/** How long after a change the list is read again, at most (checkpoints are written every batch). */
const REFRESH_DELAY_MS = 150;

/**
 * The checkpoints of the run, in its IndexedDB store (`RunStore.checkpointName`: the loaded run's
 * location, or the one the pipeline on screen would use), newest first: read again when one is
 * written, when the run changes state and when that location does. Restoring one starts a new engine from it; deleting one removes
 * it from the store. (Spark: the files of the checkpoint directory.)
 */
export class CheckpointsStore {
  /** The checkpoints as last read, newest first. */
  items = $state.raw<readonly CheckpointSummary[]>([]);
  /** Whether a read is in progress. */
  loading = $state(false);
  /** Why the last read failed, if it did. */
  error = $state<string | undefined>();
  /** The store the items were read from. */
  readFrom = $state<string | undefined>();
  /**
   * Whether the items were read after the last change (a checkpoint written, the run's state): until
   * then the store may hold a newer checkpoint — one written just before a driver failure, say.
   */
  current = $state(false);

  /** The newest checkpoint that verifies: what `getOrCreate` would recover from. */
  readonly newestValid: CheckpointSummary | undefined = $derived(this.items.find((c) => c.valid));

  #timer: ReturnType<typeof setTimeout> | undefined;
  #reads = 0;
  #changes = 0;

  constructor(
    private readonly run: RunStore,
    private readonly toasts: Toasts,
  ) {
    // Read again after each checkpoint, on every change of state (a run started, stopped, failed or
    // was recovered), and for another location.
    $effect(() => {
      void this.run.checkpointsWritten;
      void this.run.status;
      void this.run.checkpointName;
      const watched = this.run.isRecoverable || this.run.isCheckpointing || this.items.length > 0;
      if (watched) untrack(() => this.refreshSoon());
    });
  }

  /**
   * Reads the list again a moment from now: the changes within that moment make one read, and a
   * run that checkpoints faster than that still sees its list move (a read per moment at most).
   */
  refreshSoon(): void {
    this.#changes++;
    this.current = false;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** Reads the list now. */
  async refresh(): Promise<void> {
    const name = this.run.checkpointName;
    const read = ++this.#reads;
    const changes = this.#changes;
    this.loading = true;
    try {
      const items = await this.run.listCheckpoints(name);
      if (read !== this.#reads) return; // a newer read is on its way
      this.items = items;
      this.readFrom = name;
      this.error = undefined;
      this.current = changes === this.#changes;
    } catch (error) {
      if (read !== this.#reads) return;
      // The worker that was reading was ended (a recovery replaces it): read again from the next one.
      if ((error as { code?: unknown }).code === 'ENGINE_TERMINATED') this.refreshSoon();
      else this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (read === this.#reads) this.loading = false;
    }
  }

  /** Deletes the checkpoint of batch time `time`. */
  async remove(time: number): Promise<void> {
    try {
      await this.run.deleteCheckpoint(time);
      this.items = this.items.filter((c) => c.time !== time);
    } catch (error) {
      this.toasts.show(`The checkpoint could not be deleted: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
    this.refreshSoon();
  }

  /**
   * Starts a new engine from the checkpoint of `time` (`getOrCreate` with `checkpointTime`); the
   * checkpoints after it are deleted, since the restored run writes its own from there.
   */
  async restore(time: number): Promise<void> {
    await this.run.recover(time === this.newestValid?.time ? undefined : time);
    this.refreshSoon();
  }
}
