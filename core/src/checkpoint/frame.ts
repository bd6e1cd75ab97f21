import { crc32 } from './crc32.js';

/**
 * The byte framing of everything the directory store writes besides contents: each write-ahead
 * log record, each manifest and each durable record is one frame, so a torn or altered one is
 * told apart from a good one (Spark frames log records with a length only).
 *
 *   offset 0          4          8                      8 + length
 *          +----------+----------+----------------------+
 *          |  length  |  crc32   |  payload (UTF-8)     |   next frame…
 *          +----------+----------+----------------------+
 *           u32 big-endian: payload bytes; crc32 of the length field and the payload
 *
 * The CRC covers the length too, so a run of zero bytes (what some file systems leave after a
 * crash) is not a valid empty frame.
 */
export const FRAME_HEADER_BYTES = 8;

/** `payload` framed. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, payload.length);
  frame.set(payload, FRAME_HEADER_BYTES);
  view.setUint32(4, checksum(frame, payload.length));
  return frame;
}

/** A frame read back: its payload and where the next frame starts, or why it is not a frame. */
export type DecodedFrame =
  | { readonly ok: true; readonly payload: Uint8Array; readonly end: number }
  | { readonly ok: false; readonly problem: string };

/** Decodes the frame at `offset` of `bytes`. */
export function decodeFrame(bytes: Uint8Array, offset = 0): DecodedFrame {
  const available = bytes.length - offset;
  if (available < FRAME_HEADER_BYTES) return { ok: false, problem: `torn frame header (${available} of ${FRAME_HEADER_BYTES} bytes)` };
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, available);
  const length = view.getUint32(0);
  if (available - FRAME_HEADER_BYTES < length) {
    return { ok: false, problem: `truncated frame (${available - FRAME_HEADER_BYTES} of ${length} payload bytes)` };
  }
  const frame = bytes.subarray(offset, offset + FRAME_HEADER_BYTES + length);
  if (checksum(frame, length) !== view.getUint32(4)) return { ok: false, problem: 'checksum mismatch' };
  return { ok: true, payload: frame.subarray(FRAME_HEADER_BYTES), end: offset + FRAME_HEADER_BYTES + length };
}

/** CRC-32 of the length field followed by the payload (the checksum field skipped). */
function checksum(frame: Uint8Array, length: number): number {
  return crc32(frame.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + length), crc32(frame.subarray(0, 4)));
}
