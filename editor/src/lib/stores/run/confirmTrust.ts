import { getOperator } from 'rivulet';
import type { RunConfirmation } from '../../engine';
import type { PipelineStore } from '../pipeline.svelte';

/**
 * Asks before running code from a link or a file (`ask` shows the question, and is called with
 * undefined once it is answered); true once the pipeline is trusted, which it then is.
 */
export async function confirmTrust(pipeline: PipelineStore, ask: (confirmation: RunConfirmation | undefined) => void): Promise<boolean> {
  if (pipeline.trusted) return true;
  const functions = pipeline.spec.nodes.reduce(
    (n, node) => n + (getOperator(node.operator)?.params.filter((p) => p.type === 'function' && node.params[p.name] !== undefined).length ?? 0),
    0,
  );
  const confirmed = await new Promise<boolean>((resolve) => {
    ask({
      origin: pipeline.origin,
      functions,
      answer: (run) => {
        ask(undefined);
        resolve(run);
      },
    });
  });
  if (confirmed) pipeline.markTrusted();
  return confirmed;
}
