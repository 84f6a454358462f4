import type { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

import { DecodeLines, type ImportEncoding } from './decode.js';
import { ImportFileError } from './parsed-row.js';

export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Streams the records of a delimited file (csv-parse over the checked decoder), each with the line
 * it ends on. Records may differ in length (a DATEV file's first line is its header record).
 */
export async function* csvRecords(
  input: Readable,
  options: { delimiter: string; encoding: ImportEncoding; fileName: string; firstLineApart?: boolean },
): AsyncGenerator<CsvRecord> {
  // A DATEV file's first line (the EXTF header) is longer than the records after it; read it
  // apart, so that csv-parse takes the column headers' length as the expected one and does not
  // build an error object (with a stack trace) for every following record.
  const parser = parse({
    delimiter: options.delimiter,
    quote: '"',
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    from_line: options.firstLineApart ? 2 : 1,
  });
  let head = '';
  let headDone = !options.firstLineApart;
  const decoder = new DecodeLines(options.encoding, options.fileName);
  // Errors of the decoder travel on through the parser, so the loop below sees them.
  input.on('error', (error) => decoder.destroy(error));
  decoder.on('error', (error) => parser.destroy(error));
  if (!headDone) {
    const collectHead = (text: string) => {
      const end = text.indexOf('\n');
      head += end === -1 ? text : text.slice(0, end);
      if (end !== -1) decoder.off('data', collectHead);
    };
    decoder.on('data', collectHead);
  }
  input.pipe(decoder).pipe(parser);
  const firstRecord = (): CsvRecord => {
    headDone = true;
    return {
      line: 1,
      fields: parseSync(head.replace(/\r$/, ''), { delimiter: options.delimiter, quote: '"', relax_column_count: true })[0] ?? [],
    };
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!headDone) yield firstRecord();
      yield { line: info.lines, fields: record };
    }
    if (!headDone && head.trim()) yield firstRecord();
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new ImportFileError(
        options.fileName,
        line,
        'CSV',
        `${error.message.replace(/^Invalid (Record|Opening|Closing) /, 'invalid $1 ').replace(/: .*$/, '')} — the file is not well-formed ${options.delimiter === ';' ? 'semicolon' : `"${options.delimiter}"`}-separated text.`,
      );
    }
    throw error;
  } finally {
    input.unpipe();
    input.resume();
  }
}
