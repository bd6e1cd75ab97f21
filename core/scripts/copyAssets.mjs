/**
 * Copies what the build ships beside tsc's output: the PipelineSpec JSON Schema (the package's
 * `./pipelineSpec.schema.json` export). `node scripts/copyAssets.mjs [outDir]`, outDir dist/ by default,
 * so that the test setup's build into a fresh directory ships the same files as `npm run build`.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? join(core, 'dist');
copyFileSync(join(core, 'src', 'pipeline', 'pipelineSpec.schema.json'), join(outDir, 'pipeline', 'pipelineSpec.schema.json'));
