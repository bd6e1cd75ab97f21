#!/usr/bin/env node
/** The `rivulet` command (package.json `bin`): see `runCli`. */
import { nodeCliIo } from '../platform/node/nodeCliIo.js';
import { runCli } from './runCli.js';

process.exitCode = await runCli(process.argv.slice(2), nodeCliIo());
