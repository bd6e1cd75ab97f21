import { anyIn } from './common.js';
import type { OperatorEntry } from './OperatorEntry.js';

/**
 * Output operations: what makes batches run (Spark: `DStream.print`, `saveAs…Files`). `foreachRDD`
 * itself is code with side effects, so the visual palette offers `collect` in its place.
 */
export const outputs: readonly OperatorEntry[] = [
  {
    name: 'print',
    category: 'output',
    description: "Prints the first elements of every batch under a 'Time: … ms' banner.",
    spark: 'DStream.print',
    inputs: anyIn,
    params: [{ name: 'num', type: 'integer', default: 10, min: 1, max: 10_000, description: 'How many elements to print per batch.' }],
    varName: 'printed',
    apply: ([s], p) => s!.print(p.num as number),
    code: ([s], p) => `${s}.print(${p.num === 10 ? '' : String(p.num)})`,
  },
  {
    name: 'collect',
    category: 'output',
    description: "Sends the first elements of every batch to the editor's inspector (in a program: prints them as JSON).",
    spark: 'DStream.foreachRDD with RDD.take',
    inputs: anyIn,
    params: [{ name: 'limit', type: 'integer', default: 1000, min: 1, max: 100_000, description: 'How many elements of each batch to send.' }],
    varName: 'collected',
    apply: ([s], p, ctx) =>
      s!.foreachRDD(async (rdd, time) => {
        ctx.collect({ nodeId: ctx.nodeId, timeMs: time.milliseconds, records: await rdd.take(p.limit as number) });
      }),
    // Prints what compilePipeline's default `collect` prints (`collectedLine`); node ids need no escaping.
    code: ([s], p, ctx) =>
      `${s}.foreachRDD(async (rdd, time) => {\n` +
      `  console.log(\`${ctx.nodeId} \${time}: \${JSON.stringify(await rdd.take(${p.limit}))}\`);\n` +
      '})',
  },
  {
    name: 'saveAsTextFiles',
    category: 'output',
    description: 'Saves every batch as text files named prefix-<time ms>[.suffix], one element per line.',
    spark: 'DStream.saveAsTextFiles',
    inputs: anyIn,
    params: [
      { name: 'prefix', type: 'string', required: true, example: 'out/counts', description: 'The start of the file names (a path).' },
      { name: 'suffix', type: 'string', example: 'txt', description: 'The file names\' extension.' },
    ],
    varName: 'saved',
    apply: ([s], p) => s!.saveAsTextFiles(p.prefix as string, p.suffix as string | undefined),
    code: ([s], p, ctx) => `${s}.saveAsTextFiles(${ctx.args(ctx.json(p.prefix), p.suffix === undefined ? undefined : ctx.json(p.suffix))})`,
  },
  {
    name: 'saveAsObjectFiles',
    category: 'output',
    description: 'Saves every batch as files of JSON records named prefix-<time ms>[.suffix].',
    spark: 'DStream.saveAsObjectFiles',
    inputs: anyIn,
    params: [
      { name: 'prefix', type: 'string', required: true, example: 'out/counts', description: 'The start of the file names (a path).' },
      { name: 'suffix', type: 'string', example: 'json', description: 'The file names\' extension.' },
    ],
    varName: 'saved',
    apply: ([s], p) => s!.saveAsObjectFiles(p.prefix as string, p.suffix as string | undefined),
    code: ([s], p, ctx) => `${s}.saveAsObjectFiles(${ctx.args(ctx.json(p.prefix), p.suffix === undefined ? undefined : ctx.json(p.suffix))})`,
  },
];
