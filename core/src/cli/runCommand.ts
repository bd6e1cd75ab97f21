import { messageOf } from '../errors.js';
import type { EngineEvent } from '../pipeline/host/EngineEvent.js';
import { outputLines } from '../pipeline/host/outputLines.js';
import type { CliIo } from './CliIo.js';
import { formatProblem } from './formatProblem.js';
import { ProgressLine } from './ProgressLine.js';

/**
 * `rivulet run`: runs a pipeline in an engine worker — `batches` batches one after another, or on
 * real time until interrupted — printing its outputs on stdout and a progress line per batch on
 * stderr. Exit code 1 when the spec has problems, a batch failed or the engine stopped answering.
 */
export async function runCommand(
  spec: string,
  options: { readonly batches?: number; readonly checkpoint?: string },
  io: CliIo,
): Promise<number> {
  const engine = io.createEngine();
  const progress = new ProgressLine(io);
  let failures = 0;
  let terminated: () => void = () => {};
  const wasTerminated = new Promise<void>((resolve) => (terminated = resolve));
  engine.subscribe((event) => {
    const lines = outputLines(event);
    if (lines.length > 0) {
      progress.clear();
      io.stdout(lines.map((line) => `${line}\n`).join(''));
    }
    switch (event.type) {
      case 'batchInspected':
        progress.show(event.snapshot);
        break;
      case 'errorReported':
        failures++;
        progress.clear();
        io.stderr(`rivulet: ${describeFailure(event)}\n`);
        break;
      case 'logged':
        // Failures arrive as errorReported; logged errors repeat them, so only warnings are shown.
        if (event.level === 'warn') {
          progress.clear();
          io.stderr(`rivulet: warning: ${event.message}\n`);
        }
        break;
      case 'stateChanged':
        if (event.state === 'terminated') terminated();
        break;
    }
  });
  try {
    const checkpoint = options.checkpoint;
    const loaded = await engine.load(spec, { inspect: false, ...(checkpoint === undefined ? {} : { checkpoint, recover: true }) });
    if (!loaded.ok) {
      io.stderr(`rivulet: the pipeline has ${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'}:\n`);
      io.stderr(loaded.problems.map((p) => `${formatProblem(p)}\n`).join(''));
      return 1;
    }
    if (loaded.pipeline.recovered) io.stderr(`rivulet: resuming from the checkpoint in ${checkpoint} at ${loaded.pipeline.clockMs} ms\n`);
    if (options.batches !== undefined) {
      for (let i = 0; i < options.batches; i++) await engine.step();
    } else {
      await engine.start();
      let stopListening: () => void = () => {};
      await Promise.race([new Promise<void>((resolve) => (stopListening = io.onInterrupt(resolve))), wasTerminated]);
      stopListening();
    }
    if (!engine.isTerminated) await engine.stop();
  } catch (error) {
    progress.clear();
    // A failure the engine already reported (ENGINE_UNRESPONSIVE) is not repeated.
    if (!engine.isTerminated || failures === 0) io.stderr(`rivulet: ${messageOf(error)}\n`);
    return 1;
  } finally {
    progress.end();
    engine.terminate();
  }
  return failures > 0 ? 1 : 0;
}

function describeFailure(event: Extract<EngineEvent, { type: 'errorReported' }>): string {
  const where = event.batchTimeMs === undefined ? '' : `batch ${event.batchTimeMs} ms: `;
  const { message, cause } = event.error;
  const because = cause && !message.includes(cause.message) ? ` (caused by ${cause.name}: ${cause.message})` : '';
  return `${where}${message}${because}`;
}
