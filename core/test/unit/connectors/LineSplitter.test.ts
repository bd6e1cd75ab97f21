/**
 * Spark's `SocketReceiver.bytesToLines`, chunk by chunk: every way of cutting the bytes gives the
 * same lines, multi-byte characters split across chunks stay whole, `\n` and `\r\n` end lines, and
 * over-long lines are dropped and counted without being buffered whole.
 */
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/index.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The lines of `chunks`, and how many were dropped. */
function split(chunks: readonly Uint8Array[], maxLineLength = 1024): { lines: string[]; dropped: number } {
  const splitter = new LineSplitter(maxLineLength);
  const lines: string[] = [];
  for (const chunk of chunks) splitter.push(chunk, lines);
  splitter.end(lines);
  return { lines, dropped: splitter.droppedLines };
}

/** `bytes` cut at every position in `cuts`. */
function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  return chunks;
}

describe('LineSplitter', () => {
  it('splits on \\n and \\r\\n, keeping empty lines and a last unterminated line', () => {
    expect(split([utf8('a\nb\r\n\nc d\r\nlast')]).lines).toEqual(['a', 'b', '', 'c d', 'last']);
    expect(split([utf8('a\n')]).lines).toEqual(['a']);
    expect(split([]).lines).toEqual([]);
  });

  it('keeps a lone \\r inside a line', () => {
    expect(split([utf8('a\rb\n')]).lines).toEqual(['a\rb']);
  });

  it('gives the same lines for every way of cutting the bytes in two or three', () => {
    const text = 'héllo wörld\r\n€ ✓ 中文 😀\n\nlast line 😀';
    const bytes = utf8(text);
    const expected = ['héllo wörld', '€ ✓ 中文 😀', '', 'last line 😀'];
    for (let i = 0; i <= bytes.length; i++) {
      expect(split(cutAt(bytes, [i])).lines).toEqual(expected);
      for (let j = i; j <= bytes.length; j += 3) expect(split(cutAt(bytes, [i, j])).lines).toEqual(expected);
    }
  });

  it('decodes a character split one byte per chunk', () => {
    const bytes = utf8('😀€\n');
    expect(split(cutAt(bytes, [1, 2, 3, 4, 5, 6]))).toEqual({ lines: ['😀€'], dropped: 0 });
  });

  it('turns malformed bytes into U+FFFD and an unfinished character at the end too', () => {
    expect(split([new Uint8Array([0x61, 0xff, 0x0a, 0xe2, 0x82])]).lines).toEqual(['a\ufffd', '\ufffd']);
  });

  it('drops and counts lines longer than maxLineLength, in one chunk or across many', () => {
    const text = 'ok\n' + 'x'.repeat(11) + '\nfine\n' + 'y'.repeat(30) + '\r\nend\n';
    const whole = split([utf8(text)], 10);
    expect(whole).toEqual({ lines: ['ok', 'fine', 'end'], dropped: 2 });
    const bytes = utf8(text);
    const oneByte = cutAt(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1));
    expect(split(oneByte, 10)).toEqual(whole);
  });

  it('keeps a line of exactly maxLineLength, whose \\r\\n is split across chunks', () => {
    expect(split([utf8('abcd\r'), utf8('\nxy\n')], 4)).toEqual({ lines: ['abcd', 'xy'], dropped: 0 });
    expect(split([utf8('abcde'), utf8('\n')], 4)).toEqual({ lines: [], dropped: 1 });
  });

  it('drops an over-long unterminated last line', () => {
    expect(split([utf8('ok\n' + 'z'.repeat(20))], 10)).toEqual({ lines: ['ok'], dropped: 1 });
  });

  it('never holds more than the limit of an over-long line', () => {
    const splitter = new LineSplitter(8);
    for (let i = 0; i < 1000; i++) splitter.push(utf8('0123456789'));
    expect((splitter as unknown as { partial: string }).partial).toBe('');
    expect(splitter.push(utf8('\nnext\n'))).toEqual(['next']);
    expect(splitter.droppedLines).toBe(1);
  });
});
