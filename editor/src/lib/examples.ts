import { parsePipelineSpec, type PipelineSpec } from 'rivulet';

/** The example pipelines of `examples/pipelines/`, bundled with the editor. */
const files = import.meta.glob<unknown>('../../../examples/pipelines/*.json', { eager: true, import: 'default' });

/** An example pipeline and the name of its file (without `.json`). */
export interface ExamplePipeline {
  readonly file: string;
  readonly spec: PipelineSpec;
}

/** Every example that parses as a pipeline spec, in file-name order. */
export const examplePipelines: readonly ExamplePipeline[] = Object.entries(files)
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([path, json]) => {
    const parsed = parsePipelineSpec(JSON.stringify(json));
    return 'spec' in parsed ? [{ file: path.replace(/^.*\//, '').replace(/\.json$/, ''), spec: parsed.spec }] : [];
  });

/** An empty pipeline with a one-second batch interval. */
export const emptyPipeline: PipelineSpec = { version: 1, batchDurationMs: 1000, nodes: [], edges: [] };

/** The pipeline the editor starts with: Spark's word count. */
export function startingExample(): ExamplePipeline | undefined {
  return examplePipelines.find((e) => e.file === 'wordCount') ?? examplePipelines[0];
}
