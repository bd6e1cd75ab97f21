/**
 * How an RDD's computed partitions are kept (Spark: `StorageLevel`). JavaScript has one place to
 * keep them, the heap, so every level other than `NONE` keeps deserialized objects in memory;
 * the levels exist so Spark programs read the same.
 */
export class StorageLevel {
  private constructor(
    readonly useMemory: boolean,
    readonly deserialized: boolean,
    readonly description: string,
  ) {}

  static readonly NONE = new StorageLevel(false, false, 'None');
  static readonly MEMORY_ONLY = new StorageLevel(true, true, 'Memory Deserialized 1x Replicated');
  /** Spark's default for DStreams; kept deserialized in Rivulet (there is nothing to gain by serialising on a JS heap). */
  static readonly MEMORY_ONLY_SER = new StorageLevel(true, false, 'Memory Serialized 1x Replicated');

  toString(): string {
    return this.description;
  }
}
