import type { DurableDirectory } from './DurableDirectory.js';

/**
 * A `DurableDirectory` in memory: durable for as long as the object lives, which is what tests
 * and `MemoryCheckpointStore` need. Files are lists of chunks so appends do not copy the file.
 */
export class MemoryDirectory implements DurableDirectory {
  readonly location = 'memory';
  private readonly files = new Map<string, Uint8Array[]>();

  async list(folder: string): Promise<string[]> {
    const prefix = folder === '' ? '' : `${folder}/`;
    const names: string[] = [];
    for (const path of this.files.keys()) {
      const name = path.slice(prefix.length);
      if (path.startsWith(prefix) && !name.includes('/')) names.push(name);
    }
    return names.sort();
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const chunks = this.files.get(path);
    if (!chunks) return undefined;
    if (chunks.length > 1) chunks.splice(0, chunks.length, concat(chunks));
    return chunks[0]!.slice();
  }

  async readRange(path: string, offset: number, length: number): Promise<Uint8Array | undefined> {
    return (await this.read(path))?.slice(offset, offset + length);
  }

  async size(path: string): Promise<number | undefined> {
    return this.files.get(path)?.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  async writeAtomic(path: string, data: Uint8Array): Promise<void> {
    this.files.set(path, [data.slice()]);
  }

  async append(path: string, data: Uint8Array): Promise<number> {
    const offset = (await this.size(path)) ?? 0;
    const chunks = this.files.get(path) ?? [];
    chunks.push(data.slice());
    this.files.set(path, chunks);
    return offset;
  }

  async remove(path: string): Promise<void> {
    this.files.delete(path);
  }

  async removeTemporaries(): Promise<void> {
    // writeAtomic has no temporary files here
  }

  async close(): Promise<void> {
    // nothing to release; the files stay
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}
