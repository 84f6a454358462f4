const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns the line ends of a CSV byte stream (PostgreSQL's COPY writes LF) into CRLF, as German
 * spreadsheets expect, leaving line breaks inside quoted cells alone. Keeps the quote state between
 * chunks, so a chunk may end anywhere (inside a cell, between the two quotes of an escaped quote).
 * UTF-8 continuation bytes are never 0x22 or 0x0a, so scanning bytes is safe.
 */
export class CsvLineEnds {
  private quoted = false;

  convert(input: Buffer): Buffer {
    let quoted = this.quoted;
    let breaks = 0;
    for (let i = 0; i < input.length; i++) {
      const byte = input[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LF && !quoted) breaks++;
    }
    if (breaks === 0) {
      this.quoted = quoted;
      return input;
    }
    const output = Buffer.allocUnsafe(input.length + breaks);
    quoted = this.quoted;
    let written = 0;
    let from = 0;
    for (let i = 0; i < input.length; i++) {
      const byte = input[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LF && !quoted) {
        written += input.copy(output, written, from, i);
        output[written++] = CR;
        from = i;
      }
    }
    input.copy(output, written, from);
    this.quoted = quoted;
    return output;
  }
}
