/**
 * Cuts a stream of UTF-8 bytes into text lines, chunk by chunk, whatever the chunk boundaries
 * (Spark: `SocketReceiver.bytesToLines`, a `BufferedReader.readLine` loop). A streaming
 * `TextDecoder` keeps a character split across chunks whole; lines end at `\n` or `\r\n` (the
 * terminator is not part of the line); malformed bytes become U+FFFD. A line longer than
 * `maxLineLength` characters is dropped and counted in `droppedLines` — and it is never held in
 * memory whole: once the line being built passes the limit, the rest of it is skipped.
 *
 *   chunks   "ab\r\nc"  "d\né"…  (é's 2 bytes split)  "…\n"
 *   lines    "ab"                 "cd"                 "é"
 */
export class LineSplitter {
  /** Lines dropped for being longer than `maxLineLength`, since this splitter was created. */
  droppedLines = 0;
  private readonly decoder = new TextDecoder('utf-8');
  /** The start of the line being built, when the previous chunks did not end it. */
  private partial = '';
  /** True while skipping the rest of a line already known to be too long. */
  private skipping = false;

  /** `maxLineLength` is in UTF-16 code units (a JavaScript string's `length`), without the terminator. */
  constructor(readonly maxLineLength: number) {}

  /** The lines that `chunk` completes, appended to `out` (returned). */
  push(chunk: Uint8Array, out: string[] = []): string[] {
    return this.split(this.decoder.decode(chunk, { stream: true }), out);
  }

  /** Ends the input: the unterminated last line, if any, is a line too (as `readLine` returns it). */
  end(out: string[] = []): string[] {
    this.split(this.decoder.decode(), out);
    if (!this.skipping && this.partial !== '') this.emit(this.partial, out);
    this.partial = '';
    this.skipping = false;
    return out;
  }

  private split(text: string, out: string[]): string[] {
    const max = this.maxLineLength;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      if (this.skipping) {
        this.skipping = false; // the dropped line ends here; it was counted when it passed the limit
      } else if (this.partial === '') {
        this.emit(text.slice(start, newline), out);
      } else {
        this.emit(this.partial + text.slice(start, newline), out);
      }
      this.partial = '';
      start = newline + 1;
    }
    if (this.skipping || start === text.length) return out;
    const rest = text.length - start;
    // One character over the limit may be the `\r` of a `\r\n` still to come.
    if (this.partial.length + rest > max + 1) {
      this.partial = '';
      this.skipping = true;
      this.droppedLines++;
    } else {
      this.partial = this.partial === '' ? text.slice(start) : this.partial + text.slice(start);
    }
    return out;
  }

  private emit(line: string, out: string[]): void {
    const length = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
    if (length > this.maxLineLength) {
      this.droppedLines++;
      return;
    }
    out.push(length === line.length ? line : line.slice(0, length));
  }
}
