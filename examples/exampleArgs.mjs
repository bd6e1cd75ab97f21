/**
 * What every example shares: Spark's positional arguments, plus `--batches N`, which makes the
 * example stop itself (gracefully: what was received still gets a batch) after N batches — so
 * tests and the README can run it to completion.
 */

/** The positional arguments (at least `required` of them, else the usage is printed) and `--batches`. */
export function exampleArgs(usage, required = 0) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--batches');
  let batches;
  if (at >= 0) {
    batches = Number(argv[at + 1]);
    argv.splice(at, 2);
    if (!Number.isInteger(batches) || batches < 1) fail(`--batches needs a whole number ≥ 1`, usage);
  }
  if (argv.length < required) fail(`missing arguments`, usage);
  return { args: argv, batches };
}

/**
 * Stops `ssc` gracefully once `batches` batches have completed (no limit when undefined). A batch
 * completes when it ran output jobs, so a windowed output sliding every 10 s completes one per 10 s.
 */
export function stopAfterBatches(ssc, batches) {
  if (batches === undefined) return;
  let completed = 0;
  ssc.addStreamingListener({
    onBatchCompleted: () => {
      if (++completed === batches) void ssc.stop({ stopGracefully: true });
    },
  });
}

function fail(problem, usage) {
  console.error(`${problem}\nUsage: ${usage} [--batches N]`);
  process.exit(1);
}
