import type { Readable } from 'node:stream';

import type { ProfileColumns } from '../entities/import-profile.entity.js';
import { csvRecords } from './csv-records.js';
import type { ImportEncoding } from './decode.js';
import { ImportFileError, type ParseContext, type ParsedRow } from './parsed-row.js';
import { cleanText, type DateFormat, orNull, parseAmount, parseDate } from './values.js';

/** How one source writes its CSV export (a saved import profile). */
export interface CsvProfile {
  id: string;
  delimiter: string;
  encoding: ImportEncoding;
  decimalSeparator: string;
  thousandsSeparator: string;
  dateFormat: DateFormat;
  columns: ProfileColumns;
}

/**
 * A CSV export read through a profile: the first record holds the headers, every column the
 * profile names must be among them (a missing one is an error naming it), other columns are left
 * aside. Amounts are positive for spending; a negative amount is a credit.
 */
export async function* parseProfileCsv(input: Readable, ctx: ParseContext, profile: CsvProfile): AsyncGenerator<ParsedRow> {
  let index: Partial<Record<keyof ProfileColumns, number>> | undefined;
  for await (const { line, fields } of csvRecords(input, {
    delimiter: profile.delimiter,
    encoding: profile.encoding,
    fileName: ctx.fileName,
  })) {
    if (!index) {
      const headers = fields.map((f) => f.trim());
      index = {};
      // The amount first: without it nothing can be read at all.
      const mapped = (Object.entries(profile.columns) as [keyof ProfileColumns, string | undefined][]).sort(
        ([a], [b]) => Number(b === 'amount') - Number(a === 'amount'),
      );
      for (const [field, header] of mapped) {
        if (!header) continue;
        const position = headers.indexOf(header);
        if (position === -1) {
          throw new ImportFileError(
            ctx.fileName,
            line,
            header,
            `the profile reads ${field} from the column "${header}", but the file has no such header (its headers: ${headers
              .slice(0, 12)
              .map((h) => `"${h}"`)
              .join(', ')}).`,
          );
        }
        index[field] = position;
      }
      continue;
    }
    const cell = (field: keyof ProfileColumns) => (index![field] === undefined ? '' : (fields[index![field]!] ?? ''));
    const at = (field: keyof ProfileColumns) => ({ file: ctx.fileName, line, field: profile.columns[field] ?? field });
    const date = (field: 'invoiceDate' | 'paymentDate') =>
      cell(field).trim() ? parseDate(cell(field), profile.dateFormat, at(field)) : null;
    const paymentDate = date('paymentDate');
    const invoiceDate = date('invoiceDate') ?? paymentDate;
    const receiptNumber = orNull(cell('receiptNumber'));
    const sourceId = orNull(cell('sourceId'));
    yield {
      line,
      sourceId: sourceId ? `id:${sourceId}` : receiptNumber ? `receipt:${receiptNumber}` : null,
      receiptNumber,
      invoiceDate,
      paymentDate: paymentDate ?? invoiceDate,
      valueDate: null,
      amount: parseAmount(cell('amount'), profile, at('amount')),
      counterparty: cleanText(cell('payee')),
      text: cleanText(cell('purpose')),
      account: orNull(cell('account')),
      contraAccount: orNull(cell('contraAccount')),
      costCentre: orNull(cell('costCentre')),
      costCentre2: orNull(cell('costCentre2')),
      reference: sourceId,
    };
  }
  if (!index) throw new ImportFileError(ctx.fileName, 1, 'header', 'the file is empty; the first line must hold the column headers.');
}
