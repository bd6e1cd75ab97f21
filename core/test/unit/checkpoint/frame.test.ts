/** The framing under manifests, log records and durable records: CRC-32, frames, log segment names. */
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/checkpoint/crc32.js';
import { decodeFrame, encodeFrame } from '../../../src/checkpoint/frame.js';
import { compareSegments, incarnationOf, parseSegmentName, segmentFor } from '../../../src/checkpoint/writeAheadLogSegment.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('crc32', () => {
  it('matches the IEEE check values, for every length around the 8-byte step', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(bytes('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    // Slicing-by-8 against the bytewise definition.
    const bitwise = (data: Uint8Array): number => {
      let c = 0xffffffff;
      for (const b of data) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    const data = Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n <= data.length; n++) expect(crc32(data.subarray(0, n))).toBe(bitwise(data.subarray(0, n)));
  });

  it('chains: crc32(b, crc32(a)) is the CRC of a then b', () => {
    expect(crc32(bytes('56789'), crc32(bytes('1234')))).toBe(0xcbf43926);
  });
});

describe('frame', () => {
  it('round-trips payloads, back to back', () => {
    const [a, b] = [encodeFrame(bytes('hello')), encodeFrame(new Uint8Array(0))];
    const both = new Uint8Array([...a, ...b]);
    const first = decodeFrame(both);
    expect(first.ok && new TextDecoder().decode(first.payload)).toBe('hello');
    const second = first.ok ? decodeFrame(both, first.end) : undefined;
    expect(second).toMatchObject({ ok: true, end: both.length });
  });

  it('tells torn, truncated and altered frames apart', () => {
    const frame = encodeFrame(bytes('payload'));
    expect(decodeFrame(frame.subarray(0, 5))).toEqual({ ok: false, problem: 'torn frame header (5 of 8 bytes)' });
    expect(decodeFrame(frame.subarray(0, 10))).toEqual({ ok: false, problem: 'truncated frame (2 of 7 payload bytes)' });
    const altered = frame.slice();
    altered[9] ^= 1;
    expect(decodeFrame(altered)).toEqual({ ok: false, problem: 'checksum mismatch' });
  });

  it('does not take zero bytes (a crash-extended file) for an empty frame', () => {
    expect(decodeFrame(new Uint8Array(16))).toEqual({ ok: false, problem: 'checksum mismatch' });
  });
});

describe('write-ahead log segments', () => {
  it('files a time under its window and parses the names back', () => {
    expect(segmentFor(59_999, 60_000)).toEqual({ name: 'log-0-60000', start: 0, end: 60_000, incarnation: 0 });
    expect(segmentFor(60_000, 60_000).name).toBe('log-60000-120000');
    const second = incarnationOf(segmentFor(60_000, 60_000), 2);
    expect(second.name).toBe('log-60000-120000.2');
    expect(parseSegmentName('log-60000-120000.2')).toEqual(second);
    for (const junk of ['log-1-1', 'log-2-1', 'log-01-2', 'log-0-1.0', 'log-0-1.x', '../log-0-1', 'log-0-1/x']) {
      expect(parseSegmentName(junk)).toBeUndefined();
    }
    const names = ['log-10-20', 'log-0-10.1', 'log-0-10', 'log-0-5'];
    expect(names.map((n) => parseSegmentName(n)!).sort(compareSegments).map((s) => s.name)).toEqual(['log-0-5', 'log-0-10', 'log-0-10.1', 'log-10-20']);
  });
});
