import { parsePipelineSpec, type PipelineProblem, type PipelineSpec } from 'rivulet';
import { emptyPipeline, startingExample } from './examples';
import { readSharedPipeline } from './share';
import type { PipelineOrigin } from './stores/pipeline.svelte';

/** What the editor opens with, and anything to tell the user about it. */
export interface Opening {
  readonly spec: PipelineSpec;
  readonly origin: PipelineOrigin;
  /** Why a shared link could not be opened (the starting example is shown instead). */
  readonly failure?: { readonly message: string; readonly problems: readonly PipelineProblem[] };
}

/**
 * The pipeline carried by `hash` (a shared link), or else the starting example. A shared
 * pipeline is untrusted input: it is parsed with `parsePipelineSpec` and never run here.
 */
export async function openingPipeline(hash: string): Promise<Opening> {
  const shared = await readSharedPipeline(hash);
  if (typeof shared === 'string') {
    const parsed = parsePipelineSpec(shared);
    if ('spec' in parsed) return { spec: parsed.spec, origin: 'url' };
    return { ...starting(), failure: { message: 'The link does not hold a pipeline this editor can open.', problems: parsed.problems } };
  }
  if (shared instanceof Error) return { ...starting(), failure: { message: shared.message, problems: [] } };
  return starting();
}

function starting(): Opening {
  const example = startingExample();
  return example ? { spec: example.spec, origin: 'gallery' } : { spec: emptyPipeline, origin: 'new' };
}
