import { PipelineLimits } from 'rivulet';

/** The URL hash key that carries a shared pipeline: `#pipeline=<deflate-raw, base64url>`. */
const HASH_KEY = 'pipeline';

/**
 * A link to this page that carries `json` (a pipeline spec's text) in its hash, compressed with
 * deflate-raw and written in base64url. The hash never reaches a server.
 */
export async function shareUrl(json: string, base: string = location.href): Promise<string> {
  const compressed = await pipeBytes(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Infinity);
  const url = new URL(base);
  url.hash = `${HASH_KEY}=${toBase64Url(compressed)}`;
  return url.href;
}

/**
 * The pipeline text carried by a hash made by `shareUrl`, undefined if the hash carries none, or
 * an Error saying why it cannot be read. The text is untrusted: parse it with `parsePipelineSpec`.
 * Decompression stops past the spec size limit, so a small hash cannot expand without bound.
 */
export async function readSharedPipeline(hash: string): Promise<string | Error | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const data = params.get(HASH_KEY);
  if (data === null) return undefined;
  try {
    const bytes = await pipeBytes(fromBase64Url(data), new DecompressionStream('deflate-raw'), PipelineLimits.maxBytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return new Error(`The link's pipeline could not be read (${error instanceof Error ? error.message : String(error)}); ask for a new link.`);
  }
}

async function pipeBytes(input: Uint8Array<ArrayBuffer>, transform: CompressionStream | DecompressionStream, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([input]).stream().pipeThrough(transform).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new Error(`it expands to more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged: it has characters base64url does not use');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
