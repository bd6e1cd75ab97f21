import { createBrowserEngine, type EngineClient } from 'rivulet';

/**
 * Real ms a batch may run before the engine's watchdog deems the worker stuck in a user function
 * and terminates it. Generous, so a big batch on a slow machine is not mistaken for a loop.
 */
export const ENGINE_BATCH_TIMEOUT_MS = 15_000;

/**
 * A new engine in its own module worker (`rivulet`'s `createBrowserEngine`, which Vite bundles
 * with the page): the page's comlink client. User functions are compiled and run only there.
 */
export function createEngine(): EngineClient {
  return createBrowserEngine({ batchTimeoutMs: ENGINE_BATCH_TIMEOUT_MS });
}
