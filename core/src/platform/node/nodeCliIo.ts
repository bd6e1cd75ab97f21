import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../../cli/CliIo.js';
import { RivuletError } from '../../errors.js';
import { createNodeEngine, type NodeEngineOptions } from './createNodeEngine.js';

/** The CLI's platform in Node: files, the process's streams and signals, engines in worker threads. */
export function nodeCliIo(engineOptions: NodeEngineOptions = {}): CliIo {
  return {
    async readFile(path) {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new RivuletError('FILE_NOT_FOUND', `${path} does not exist.`, { cause: error });
        }
        throw error;
      }
    },
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isStderrTTY: process.stderr.isTTY === true,
    createEngine: () => createNodeEngine(engineOptions),
    onInterrupt(handler) {
      process.once('SIGINT', handler);
      process.once('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
    // dist/platform/node/ (and src/platform/node/) → the package's own package.json
    version: (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
  };
}
