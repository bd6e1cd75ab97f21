/**
 * The SHA-256 of `bytes` as 64 lower-case hex digits: a checkpoint part's content address.
 * SHA-256 rather than a CRC because identity is the hash: two different states must never share
 * an address. It runs natively (`crypto.subtle`, Node ≥ 20 and browsers), about 1.3 GB/s with
 * the CPU's SHA instructions: 1.5 ms for a 2 MB state, a tenth of writing it.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (let i = 0; i < digest.length; i++) hex += HEX[digest[i]!];
  return hex;
}

/** Whether `name` looks like a content address (so junk next to contents is left alone). */
export function isContentHash(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
