/** What the command line asked for. */
export type CliCommand =
  | { readonly command: 'run'; readonly file: string; readonly batches?: number; readonly checkpoint?: string }
  | { readonly command: 'validate'; readonly file: string }
  | { readonly command: 'export'; readonly file: string }
  | { readonly command: 'help' }
  | { readonly command: 'version' };

/** A command line that cannot be run: `message` says why (the CLI then prints the usage and exits 2). */
export interface CliUsageError {
  readonly usageError: string;
}

export const usage = `Usage: rivulet <command> <pipeline.json> [options]

Commands:
  run <pipeline.json>       Run an editor pipeline headless: outputs on stdout, progress on stderr
      --batches <N>         Run N batches as fast as possible, then stop (default: run in real time until Ctrl-C)
      --checkpoint <DIR>    Checkpoint to DIR, resuming from the checkpoint there if there is one
  validate <pipeline.json>  List the spec's problems by node; exit 1 if there are any
  export <pipeline.json>    Print the pipeline as a TypeScript program using the rivulet package

Options:
  -h, --help                Show this help
  -v, --version             Show the version`;

/** Reads `argv` (without `node` and the script) into a command, or a usage error. */
export function parseCliArgs(argv: readonly string[]): CliCommand | CliUsageError {
  if (argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  if (argv.length === 1 && (argv[0] === '-v' || argv[0] === '--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined) return { usageError: 'no command given' };
  if (command !== 'run' && command !== 'validate' && command !== 'export') {
    return { usageError: `unknown command '${command}'` };
  }
  const files: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      files.push(arg);
      continue;
    }
    const [name, inline] = splitOption(arg);
    const allowed = command === 'run' && (name === '--batches' || name === '--checkpoint');
    if (!allowed) return { usageError: `unknown option '${name}' for '${command}'` };
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') return { usageError: `option '${name}' needs a value` };
    options.set(name, value);
  }
  if (files.length === 0) return { usageError: `'${command}' needs a pipeline file, e.g. rivulet ${command} pipeline.json` };
  if (files.length > 1) return { usageError: `'${command}' takes one pipeline file, got ${files.length}: ${files.join(' ')}` };
  const file = files[0]!;
  if (command !== 'run') return { command, file };
  const batchesText = options.get('--batches');
  const batches = batchesText === undefined ? undefined : Number(batchesText);
  if (batches !== undefined && !(Number.isSafeInteger(batches) && batches > 0)) {
    return { usageError: `--batches must be a positive whole number, got '${batchesText}'` };
  }
  const checkpoint = options.get('--checkpoint');
  return { command, file, ...(batches === undefined ? {} : { batches }), ...(checkpoint === undefined ? {} : { checkpoint }) };
}

function splitOption(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}
