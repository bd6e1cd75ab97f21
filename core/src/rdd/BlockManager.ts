import type { Logger } from '../util/Logger.js';
import { estimateSize } from '../util/estimateSize.js';

interface Block {
  readonly rddId: number;
  readonly records: unknown[];
  readonly bytes: number;
  /** Real ms its computation took, not counting cached blocks computed within it (its parents'). */
  readonly computeMs: number;
}

/**
 * Keeps the partitions of persisted RDDs in memory, within a byte budget, evicting the least
 * recently used blocks of other RDDs (Spark: `BlockManager` + `MemoryStore`). A partition that is
 * evicted, or never fits, is simply recomputed from lineage the next time it is needed.
 */
export class BlockManager {
  /** Insertion order is recency order: the first entry is the least recently used. */
  private readonly blocks = new Map<string, Block>();
  private usedBytes = 0;
  /** Computations in progress, innermost last, each with the ms its nested block computations took. */
  private readonly computing: { nestedMs: number }[] = [];

  constructor(
    readonly memoryLimitBytes: number,
    private readonly logger: Logger,
  ) {}

  /** The cached records of a partition, or `compute()`'s result after trying to cache it. */
  getOrCompute<T>(rddId: number, partition: number, compute: () => T[]): T[] {
    const id = blockId(rddId, partition);
    const block = this.blocks.get(id);
    if (block) {
      this.blocks.delete(id);
      this.blocks.set(id, block);
      return block.records as T[];
    }
    const frame = { nestedMs: 0 };
    this.computing.push(frame);
    const started = performance.now();
    let records: T[];
    try {
      records = compute();
    } finally {
      this.computing.pop();
    }
    const elapsed = performance.now() - started;
    const outer = this.computing[this.computing.length - 1];
    if (outer) outer.nestedMs += elapsed;
    this.put(id, rddId, records, Math.max(0, elapsed - frame.nestedMs));
    return records;
  }

  /**
   * @internal A cached partition's records and compute time, without counting as a use (the
   * engine host reads what a batch computed, for the editor).
   */
  peekBlock(rddId: number, partition: number): { readonly records: readonly unknown[]; readonly computeMs: number } | undefined {
    return this.blocks.get(blockId(rddId, partition));
  }

  /** Drops one cached partition; true if it was cached. */
  removeBlock(rddId: number, partition: number): boolean {
    return this.drop(blockId(rddId, partition));
  }

  /** Drops every cached partition of an RDD. */
  removeRdd(rddId: number): void {
    for (const [id, block] of this.blocks) if (block.rddId === rddId) this.drop(id);
  }

  /** How many partitions of an RDD are cached and their estimated size. */
  rddStatus(rddId: number): { partitions: number; bytes: number } {
    let partitions = 0;
    let bytes = 0;
    for (const block of this.blocks.values()) {
      if (block.rddId === rddId) {
        partitions++;
        bytes += block.bytes;
      }
    }
    return { partitions, bytes };
  }

  /** Estimated bytes held by all cached partitions. */
  get memoryUsed(): number {
    return this.usedBytes;
  }

  clear(): void {
    this.blocks.clear();
    this.usedBytes = 0;
  }

  private put(id: string, rddId: number, records: unknown[], computeMs: number): void {
    const bytes = estimateSize(records);
    if (bytes > this.memoryLimitBytes || !this.makeRoom(bytes, rddId)) {
      this.logger.warn(`Not enough memory to cache ${id} (${bytes} bytes estimated); it will be recomputed when needed.`);
      return;
    }
    this.blocks.set(id, { rddId, records, bytes, computeMs });
    this.usedBytes += bytes;
  }

  /** Evicts least recently used blocks of other RDDs until `bytes` fit; false if they cannot. */
  private makeRoom(bytes: number, rddId: number): boolean {
    if (this.usedBytes + bytes <= this.memoryLimitBytes) return true;
    const victims: string[] = [];
    let freed = 0;
    for (const [id, block] of this.blocks) {
      if (block.rddId === rddId) continue;
      victims.push(id);
      freed += block.bytes;
      if (this.usedBytes - freed + bytes <= this.memoryLimitBytes) break;
    }
    if (this.usedBytes - freed + bytes > this.memoryLimitBytes) return false;
    for (const id of victims) {
      this.drop(id);
      this.logger.debug(`Evicted ${id} from memory.`);
    }
    return true;
  }

  private drop(id: string): boolean {
    const block = this.blocks.get(id);
    if (!block) return false;
    this.blocks.delete(id);
    this.usedBytes -= block.bytes;
    return true;
  }
}

function blockId(rddId: number, partition: number): string {
  return `rdd_${rddId}_${partition}`;
}
