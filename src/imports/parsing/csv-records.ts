import type { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';

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
export async function* csvRecords(input: Readable, options: { delimiter: string; encoding: ImportEncoding; fileName: string }): AsyncGenerator<CsvRecord> {
  const parser = parse({ delimiter: options.delimiter, quote: '"', relax_column_count: true, skip_empty_lines: true, info: true });
  const decoder = new DecodeLines(options.encoding, options.fileName);
  // Errors of the decoder travel on through the parser, so the loop below sees them.
  input.on('error', (error) => decoder.destroy(error));
  decoder.on('error', (error) => parser.destroy(error));
  input.pipe(decoder).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, fields: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new ImportFileError(options.fileName, line, 'CSV', `${error.message.replace(/^Invalid (Record|Opening|Closing) /, 'invalid $1 ').replace(/: .*$/, '')} — the file is not well-formed ${options.delimiter === ';' ? 'semicolon' : `"${options.delimiter}"`}-separated text.`);
    }
    throw error;
  } finally {
    input.unpipe();
    input.resume();
  }
}
