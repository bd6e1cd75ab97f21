import { formatBytes } from '../util/formatBytes.js';
import { ShuffleDependency, type Dependency } from './Dependency.js';
import type { RDD } from './internal.js';
import { StorageLevel } from './StorageLevel.js';

/**
 * Spark's `RDD.toDebugString`: one line per RDD, indented per stage, `+-` where a shuffle starts
 * a new stage, each with its partition count and storage level.
 */
function debugSelf(rdd: RDD<unknown>): string[] {
  const level = rdd.getStorageLevel();
  const lines = [`${rdd} [${level === StorageLevel.NONE ? '' : level.description}]`];
  const cached = rdd.context.blockManager.rddStatus(rdd.id);
  if (cached.partitions > 0) {
    lines.push(`    CachedPartitions: ${cached.partitions}; MemorySize: ${formatBytes(cached.bytes)}; DiskSize: 0.0 B`);
  }
  return lines;
}

export function debugLines(rdd: RDD<unknown>): string[] {
  const partitionStr = `(${rdd.getNumPartitions()})`;
  const leftOffset = Math.floor((partitionStr.length - 1) / 2);
  const nextPrefix = ' '.repeat(leftOffset) + '|' + ' '.repeat(partitionStr.length - leftOffset);
  const self = debugSelf(rdd).map((desc, i) => (i === 0 ? `${partitionStr} ${desc}` : `${nextPrefix} ${desc}`));
  return [...self, ...debugChildren(rdd, nextPrefix)];
}

function debugChildren(rdd: RDD<unknown>, prefix: string): string[] {
  const deps = rdd.dependencies;
  return deps.flatMap((dep, i) => debugDependency(dep, prefix, i === deps.length - 1));
}

function debugDependency(dep: Dependency, prefix: string, isLastChild: boolean): string[] {
  const rdd = dep.rdd;
  if (!isShuffle(dep)) return [...debugSelf(rdd).map((line) => prefix + line), ...debugChildren(rdd, prefix)];
  const partitionStr = `(${rdd.getNumPartitions()})`;
  const leftOffset = Math.floor((partitionStr.length - 1) / 2);
  const thisPrefix = prefix.replace(/\|\s+$/, '');
  const nextPrefix =
    thisPrefix + (isLastChild ? '  ' : '| ') + ' '.repeat(leftOffset) + '|' + ' '.repeat(partitionStr.length - leftOffset);
  const self = debugSelf(rdd).map((desc, i) => (i === 0 ? `${thisPrefix}+-${partitionStr} ${desc}` : nextPrefix + desc));
  return [...self, ...debugChildren(rdd, nextPrefix)];
}

function isShuffle(dep: Dependency): boolean {
  return dep instanceof ShuffleDependency;
}
