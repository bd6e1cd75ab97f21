/**
 * Runs a pipeline three ways — compiled from its spec, built by a fluent-API function, and as
 * the program `exportCode` writes — on a ManualClock for a number of batches, and returns every
 * line its outputs printed (`print`, and `collect`'s default line), so the tests can compare them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import * as rivulet from '../../../src/index.js';
import {
  compilePipeline,
  ManualClock,
  MemoryCheckpointStore,
  Milliseconds,
  StreamingContext,
  type CompileOptions,
  type FileSystem,
  type PipelineSpec,
  type StreamingContextOptions,
} from '../../../src/index.js';

const examplesDir = new URL('../../../../examples/pipelines/', import.meta.url);

/** The example pipelines, by file name without `.json`. */
export function examplePipelines(): Map<string, PipelineSpec> {
  const names = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();
  return new Map(names.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, examplesDir), 'utf8')) as PipelineSpec]));
}

/**
 * Options that make a context deterministic and observable: a ManualClock, two partitions,
 * printed lines into `lines`, and a file system that writes a line per file operation there too.
 */
function testOptions(lines: string[]): Partial<StreamingContextOptions> {
  return { clock: new ManualClock(), master: 'local[2]', printLine: (line) => lines.push(line), fileSystem: recordingFileSystem(lines) };
}

function recordingFileSystem(lines: string[]): FileSystem {
  const record = async (line: string): Promise<void> => {
    lines.push(line);
  };
  return {
    writeFile: (path, data) => record(`write ${path}: ${JSON.stringify(data)}`),
    readFile: async () => '',
    mkdirs: (path) => record(`mkdirs ${path}`),
    list: async () => [],
    exists: async () => false,
    remove: (path) => record(`remove ${path}`),
    rename: (from, to) => record(`rename ${from} ${to}`),
  };
}

/** A context on a ManualClock whose printed lines go to `lines`, checkpointing to memory when asked. */
function testContext(options: StreamingContextOptions, lines: string[], checkpoint: boolean): StreamingContext {
  const ssc = new StreamingContext({ ...options, ...testOptions(lines) });
  if (checkpoint) ssc.checkpoint(new MemoryCheckpointStore());
  return ssc;
}

/** Starts `ssc`, then runs `numBatches` batches and stops it (see `advanceAndStop`). */
async function runBatches(ssc: StreamingContext, numBatches: number): Promise<void> {
  ssc.start();
  await advanceAndStop(ssc, numBatches);
}

/** Runs `numBatches` batches of a started context, stops it, and rejects with the first failed batch's error. */
async function advanceAndStop(ssc: StreamingContext, numBatches: number): Promise<void> {
  const failures: unknown[] = [];
  ssc.addStreamingListener({
    onOutputOperationCompleted: ({ outputOperationInfo }) => {
      if (outputOperationInfo.failureReason !== undefined) failures.push(outputOperationInfo.error ?? outputOperationInfo.failureReason);
    },
  });
  try {
    const clock = ssc.clock as ManualClock;
    for (let i = 0; i < numBatches; i++) await clock.advance(ssc.batchDuration.milliseconds);
  } finally {
    await ssc.stop();
  }
  if (failures.length > 0) throw failures[0];
}

/** The lines printed by `spec` compiled with `compilePipeline`. */
export async function runCompiled(spec: PipelineSpec, numBatches: number, options?: CompileOptions): Promise<string[]> {
  const lines: string[] = [];
  const ssc = testContext({ batchDuration: Milliseconds(spec.batchDurationMs) }, lines, spec.checkpoint?.enabled ?? false);
  compilePipeline(ssc, spec, options);
  await runBatches(ssc, numBatches);
  return lines;
}

/** The lines printed by a graph `build` makes with the fluent API. */
export async function runFluent(
  batchDurationMs: number,
  checkpoint: boolean,
  build: (ssc: StreamingContext) => void,
  numBatches: number,
): Promise<string[]> {
  const lines: string[] = [];
  const ssc = testContext({ batchDuration: Milliseconds(batchDurationMs) }, lines, checkpoint);
  build(ssc);
  await runBatches(ssc, numBatches);
  return lines;
}

type AsyncFunctionConstructor = new (...args: string[]) => (...args: unknown[]) => Promise<void>;
const AsyncFunction = (async () => {}).constructor as AsyncFunctionConstructor;

/**
 * The lines printed by an exported program: transpiled with TypeScript's `transpileModule` to
 * CommonJS and run in-process, with a `require('rivulet')` whose `StreamingContext` runs on a
 * ManualClock, checkpoints to memory, and turns `await ssc.awaitTermination()` into "run
 * `numBatches` batches, then stop"; `console.log` (used by `collect`) prints to the same lines.
 */
export async function runExported(code: string, numBatches: number): Promise<string[]> {
  const { outputText, diagnostics } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  const errors = (diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 1378 /* top-level await */);
  if (errors.length > 0) throw new Error(`exported code does not transpile: ${ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n')}`);

  const lines: string[] = [];
  class HarnessContext extends StreamingContext {
    constructor(options: StreamingContextOptions) {
      super({ ...options, ...testOptions(lines) });
    }
    override checkpoint(): void {
      super.checkpoint(new MemoryCheckpointStore());
    }
    override awaitTermination(): Promise<void> {
      return advanceAndStop(this, numBatches);
    }
  }
  const require = (id: string): unknown => {
    if (id !== 'rivulet') throw new Error(`the exported program imports '${id}'`);
    return { ...rivulet, StreamingContext: HarnessContext };
  };
  const console = { log: (...args: unknown[]) => lines.push(args.map(String).join(' ')) };
  const module = { exports: {} };
  await new AsyncFunction('require', 'exports', 'module', 'console', outputText)(require, module.exports, module, console);
  return lines;
}
