import type { EngineClient } from '../pipeline/host/EngineClient.js';

/** What the CLI needs from its platform (Node: `nodeCliIo`); tests can pass their own. */
export interface CliIo {
  /** The file's text; rejects with a `RivuletError` FILE_NOT_FOUND when it does not exist. */
  readFile(path: string): Promise<string>;
  /** Writes text as it is (add the newline yourself). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal, so the progress line can redraw itself in place. */
  readonly isStderrTTY: boolean;
  /** A new engine in a worker, for `run`. */
  createEngine(): EngineClient;
  /** Calls `handler` on Ctrl-C (or a termination signal); returns the function that stops listening. */
  onInterrupt(handler: () => void): () => void;
  readonly version: string;
}
