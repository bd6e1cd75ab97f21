import type { FileSystem } from '../../platform/FileSystem.js';
import { currentPlatform } from '../../platform/platform.js';
import type { RDD } from '../../rdd/internal.js';
import type { StreamingContext } from '../StreamingContext.js';
import type { Time } from '../Time.js';
import { formatRecord } from './formatRecord.js';

/** How `saveAsTextFiles` and `saveAsObjectFiles` write one element as one line. */
export type SaveFormat = 'text' | 'object';

/**
 * Writes one batch the way Spark's `saveAsTextFile` lays it out: a directory named
 * `prefix-<timeMs>[.suffix]` holding `part-00000`, `part-00001`… (one per partition, one element
 * per line, each line ending in `\n`) and an empty `_SUCCESS` written last.
 *
 * - `text`: each element as Scala's `toString` shows it, the same as `print()` (`formatRecord`):
 *   strings bare, numbers as JavaScript prints them, pairs `(a,1)`, `undefined` as `None`.
 * - `object`: each element as one line of JSON (JSON Lines), to be read back with `JSON.parse`;
 *   elements must be JSON-serialisable (a top-level `undefined` is written as `null`).
 *
 * Like Hadoop's output committer, parts are written under `<dir>/_temporary` and moved into
 * place once all are written; readers should wait for `_SUCCESS`. A batch run again (after
 * recovery) replaces the directory, as Spark Streaming turns off output-spec validation.
 */
export async function saveAsFiles<T>(
  ssc: StreamingContext,
  rdd: RDD<T>,
  time: Time,
  prefix: string,
  suffix: string | undefined,
  format: SaveFormat,
): Promise<void> {
  const fs = fileSystemOf(ssc);
  const encode = format === 'text' ? formatRecord : toJsonLine;
  const parts = await rdd.context.runJob(rdd, (values) => {
    let data = '';
    for (const value of values) data += `${encode(value)}\n`;
    return data;
  });
  const dir = rddToFileName(prefix, suffix, time);
  const temporary = `${dir}/_temporary`;
  await fs.remove(dir);
  for (let p = 0; p < parts.length; p++) await fs.writeFile(`${temporary}/${partName(p)}`, parts[p]!);
  for (let p = 0; p < parts.length; p++) await fs.rename(`${temporary}/${partName(p)}`, `${dir}/${partName(p)}`);
  await fs.remove(temporary);
  await fs.writeFile(`${dir}/_SUCCESS`, '');
}

/** `prefix-<timeMs>[.suffix]`; an empty prefix or suffix is left out (Spark: `StreamingContext.rddToFileName`). */
export function rddToFileName(prefix: string, suffix: string | undefined, time: Time): string {
  let name = String(time.milliseconds);
  if (prefix) name = `${prefix}-${name}`;
  if (suffix) name = `${name}.${suffix}`;
  return name;
}

/** The context's own file system, else the platform's (named after a string checkpoint, for IndexedDB). */
function fileSystemOf(ssc: StreamingContext): FileSystem {
  if (ssc.fileSystem) return ssc.fileSystem;
  const dir = ssc.checkpointDir;
  return currentPlatform().fileSystem(typeof dir === 'string' ? dir : undefined);
}

function partName(partition: number): string {
  return `part-${String(partition).padStart(5, '0')}`;
}

function toJsonLine(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
