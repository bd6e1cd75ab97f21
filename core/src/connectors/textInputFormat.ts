const decoder = new TextDecoder('utf-8');

/**
 * A file's lines with the byte offset where each starts (Spark: Hadoop's `TextInputFormat`, whose
 * records are `(LongWritable offset, Text line)`): UTF-8, lines ending at `\n` or `\r\n` (not part
 * of the line), and a last line without a terminator still a line. `textFileStream` keeps the lines.
 */
export function* textInputFormat(content: Uint8Array): Generator<[number, string]> {
  let start = 0;
  while (start < content.length) {
    const newline = content.indexOf(10, start);
    const end = newline < 0 ? content.length : newline;
    // `\n` never occurs inside a multi-byte UTF-8 character, so each line decodes on its own.
    const lineEnd = end > start && content[end - 1] === 13 ? end - 1 : end;
    yield [start, decoder.decode(content.subarray(start, lineEnd))];
    start = end + 1;
  }
}
