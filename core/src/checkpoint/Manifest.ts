import { isContentHash } from './contentHash.js';

/**
 * The table of contents of one checkpoint, written after its contents so that a checkpoint
 * exists only once everything it names does (Spark writes one `checkpoint-<time>` file). It
 * names each part's content and length, so a reader can verify every part:
 *
 *   {"format":1,"time":3000,"parts":[{"name":"graph","hash":"a1b2…","bytes":412},
 *                                    {"name":"state","hash":"9f8e…","bytes":1977781}]}
 *
 * The directory store frames this JSON (length + CRC-32, see `frame.ts`) in `checkpoint-<time>`;
 * IndexedDB keeps it with its CRC-32 in the `manifests` object store.
 */
export interface Manifest {
  readonly time: number;
  readonly parts: readonly ManifestPart[];
}

/** One part: its name, the SHA-256 of its UTF-8 bytes, and how many bytes that is. */
export interface ManifestPart {
  readonly name: string;
  readonly hash: string;
  readonly bytes: number;
}

export const MANIFEST_FORMAT = 1;

/** The manifest as JSON text. */
export function manifestText(manifest: Manifest): string {
  return JSON.stringify({ format: MANIFEST_FORMAT, time: manifest.time, parts: manifest.parts });
}

/** Parses and checks manifest text that should describe batch time `time`; a string says what is wrong. */
export function parseManifest(text: string, time: number): Manifest | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'manifest is not JSON';
  }
  const m = json as { format?: unknown; time?: unknown; parts?: unknown };
  if (typeof m !== 'object' || m === null || m.format !== MANIFEST_FORMAT) return `manifest format is not ${MANIFEST_FORMAT}`;
  if (m.time !== time) return `manifest is for time ${String(m.time)}, not ${time}`;
  if (!Array.isArray(m.parts) || !m.parts.every(isPart)) return 'manifest parts are malformed';
  return { time, parts: m.parts };
}

function isPart(p: unknown): p is ManifestPart {
  const part = p as ManifestPart;
  return (
    typeof part === 'object' && part !== null && typeof part.name === 'string' &&
    typeof part.hash === 'string' && isContentHash(part.hash) && Number.isSafeInteger(part.bytes) && part.bytes >= 0
  );
}
