import { exportCode } from '../pipeline/exportCode.js';
import { parsePipelineSpec } from '../pipeline/parsePipelineSpec.js';
import type { PipelineSpec } from '../pipeline/PipelineSpec.js';
import { validatePipeline } from '../pipeline/validatePipeline.js';
import { messageOf, RivuletError } from '../errors.js';
import type { CliIo } from './CliIo.js';
import { formatProblem } from './formatProblem.js';
import { parseCliArgs, usage } from './parseCliArgs.js';
import { runCommand } from './runCommand.js';

/**
 * The `rivulet` command line, platform-neutral: `argv` without `node` and the script; returns the
 * exit code — 0 success, 1 a problem with the pipeline or its run, 2 a command line it cannot read.
 * Only `run` executes the spec's functions, and only inside an engine worker.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if ('usageError' in parsed) {
    io.stderr(`rivulet: ${parsed.usageError}\n\n${usage}\n`);
    return 2;
  }
  switch (parsed.command) {
    case 'help':
      io.stdout(`${usage}\n`);
      return 0;
    case 'version':
      io.stdout(`${io.version}\n`);
      return 0;
  }
  const text = await readSpecFile(parsed.file, io);
  if (text === undefined) return 1;
  if (parsed.command === 'run') return runCommand(text, parsed, io);

  const spec = parsePipelineSpec(text);
  if (parsed.command === 'validate') {
    const problems = 'problems' in spec ? spec.problems : validatePipeline(spec.spec);
    if (problems.length === 0) {
      const { nodes, edges } = (spec as { spec: PipelineSpec }).spec;
      io.stdout(`${parsed.file}: valid (${count(nodes.length, 'node')}, ${count(edges.length, 'edge')})\n`);
      return 0;
    }
    io.stdout(`${parsed.file}: ${count(problems.length, 'problem')}\n${problems.map((p) => `${formatProblem(p)}\n`).join('')}`);
    return 1;
  }
  // export
  const problems = 'problems' in spec ? spec.problems : validatePipeline(spec.spec);
  if ('problems' in spec || problems.length > 0) {
    io.stderr(`rivulet: ${parsed.file} cannot be exported; it has ${count(problems.length, 'problem')}:\n`);
    io.stderr(problems.map((p) => `${formatProblem(p)}\n`).join(''));
    io.stderr(`Run 'rivulet validate ${parsed.file}' after fixing them.\n`);
    return 1;
  }
  io.stdout(exportCode((spec as { spec: PipelineSpec }).spec));
  return 0;
}

/** The file's text, or `undefined` after telling the user why it cannot be read. */
async function readSpecFile(path: string, io: CliIo): Promise<string | undefined> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const reason = error instanceof RivuletError && error.code === 'FILE_NOT_FOUND' ? 'no such file' : messageOf(error);
    io.stderr(`rivulet: cannot read '${path}': ${reason}\n`);
    return undefined;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
