import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

import iconv from 'iconv-lite';

import { ImportFileError } from './parsed-row.js';

/** Encodings an import accepts (DATEV: Windows-1252; camt.053: UTF-8; CSV: the profile's). */
export const ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'iso-8859-15'] as const;
export type ImportEncoding = (typeof ENCODINGS)[number];

const NEWLINE = 0x0a;
/** Bytes Windows-1252 leaves undefined: a "Windows-1252" file containing them is something else. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Bytes → text, line by line, checking that the file really is in the encoding it is read with:
 * invalid UTF-8, a Windows-1252 file that is in fact UTF-8 (a byte order mark, or umlauts written
 * as UTF-8 byte pairs), NUL bytes (UTF-16) are refused with the line they occur on. Lines are
 * split on LF bytes, which never occur inside a multi-byte UTF-8 character; the text passes on
 * unchanged otherwise (line ends included), so the CSV and XML parsers count the same lines.
 */
export class DecodeLines extends Transform {
  private rest: Buffer = Buffer.alloc(0);
  private line = 0;

  constructor(
    private readonly encoding: ImportEncoding,
    private readonly fileName: string,
  ) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.setEncoding('utf8');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      let data = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
      if (this.line === 0 && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        if (this.encoding !== 'utf-8')
          throw this.error(
            1,
            'the file starts with a UTF-8 byte order mark, but this format is read as ' +
              this.encoding +
              '; export it as ' +
              this.encoding +
              ' or use a profile for UTF-8.',
          );
        data = data.subarray(3);
      }
      let start = 0;
      let out = '';
      for (let i = data.indexOf(NEWLINE, start); i !== -1; i = data.indexOf(NEWLINE, start)) {
        out += this.decode(data.subarray(start, i + 1));
        start = i + 1;
      }
      this.rest = Buffer.from(data.subarray(start));
      if (out) this.push(out);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.rest.length) this.push(this.decode(this.rest));
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private decode(bytes: Buffer): string {
    this.line++;
    if (bytes.includes(0))
      throw this.error(this.line, 'the line contains NUL bytes; is the file UTF-16? Export it as ' + this.encoding + '.');
    if (this.encoding === 'utf-8') {
      if (!isUtf8(bytes))
        throw this.error(this.line, 'the line is not valid UTF-8; is the file in Windows-1252 (ANSI)? Use a profile with that encoding.');
      return bytes.toString('utf8');
    }
    let high = false;
    for (const byte of bytes) {
      if (byte >= 0x80) high = true;
      if (this.encoding === 'windows-1252' && CP1252_UNDEFINED.has(byte))
        throw this.error(this.line, `byte 0x${byte.toString(16)} does not exist in Windows-1252; the file is in another encoding.`);
    }
    if (high && isUtf8(bytes) && /[\u0080-\u07ff]/.test(bytes.toString('utf8'))) {
      throw this.error(
        this.line,
        `the line is UTF-8 encoded ("${bytes.toString('utf8').trim().slice(0, 40)}"), but this format is read as ${this.encoding}.`,
      );
    }
    return iconv.decode(bytes, this.encoding);
  }

  private error(line: number, problem: string): ImportFileError {
    return new ImportFileError(this.fileName, line, 'encoding', problem);
  }
}
