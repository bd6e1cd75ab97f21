/** Runs an example of examples/ with plain Node against the built package, as the README does. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface ExampleRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `node examples/<name>.mjs ...args`, from the repository root; resolves when it exits.
 * `onStdout` sees the output so far each time more arrives.
 */
export function runExample(name: string, args: readonly string[], onStdout?: (stdout: string) => void): Promise<ExampleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`examples/${name}.mjs`, ...args], { cwd: repo });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      onStdout?.(stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The batches `print()` wrote: each `Time: <ms> ms` banner with the lines under it. */
export function printedBatches(stdout: string): { timeMs: number; lines: string[] }[] {
  const batches: { timeMs: number; lines: string[] }[] = [];
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const banner = /^Time: (\d+) ms$/.exec(lines[i]!);
    if (!banner || lines[i - 1] !== '-'.repeat(43) || lines[i + 1] !== '-'.repeat(43)) continue;
    const body: string[] = [];
    for (i += 2; i < lines.length && lines[i] !== ''; i++) body.push(lines[i]!);
    batches.push({ timeMs: Number(banner[1]), lines: body });
  }
  return batches;
}

/** Sums `(word,count)` lines over all batches. */
export function sumCounts(batches: readonly { lines: readonly string[] }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { lines } of batches) {
    for (const line of lines) {
      const pair = /^\((.*),(-?\d+)\)$/.exec(line);
      if (pair) counts[pair[1]!] = (counts[pair[1]!] ?? 0) + Number(pair[2]);
    }
  }
  return counts;
}
