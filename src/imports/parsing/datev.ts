import type { Readable } from 'node:stream';

import { type LocalDate, parseLocalDate } from '../../common/dates/local-date.js';
import { csvRecords } from './csv-records.js';
import { ImportFileError, type ParseContext, type ParsedRow } from './parsed-row.js';
import { cleanText, orNull, parseAmount } from './values.js';

/** What the EXTF header line says about the batch. */
export interface DatevHeader {
  formatVersion: string;
  consultantNumber: string;
  clientNumber: string;
  fiscalYearStart: LocalDate;
  periodFrom: LocalDate;
  periodTo: LocalDate;
  label: string;
}

/** Column headers (second line) the parser reads; the others of the ~120 DATEV columns are left aside. */
const COLUMN = {
  amount: 'Umsatz (ohne Soll/Haben-Kz)',
  debitCredit: 'Soll/Haben-Kennzeichen',
  currency: 'WKZ Umsatz',
  account: 'Konto',
  contraAccount: 'Gegenkonto (ohne BU-Schlüssel)',
  documentDate: 'Belegdatum',
  receiptNumber: 'Belegfeld 1',
  text: 'Buchungstext',
  costCentre: 'KOST1 - Kostenstelle',
  costCentre2: 'KOST2 - Kostenstelle',
  infoKind: 'Beleginfo - Art 1',
  infoValue: 'Beleginfo - Inhalt 1',
  guid: 'Buchungs GUID',
} as const;
const REQUIRED = ['amount', 'debitCredit', 'account', 'contraAccount', 'documentDate', 'receiptNumber', 'text'] as const;

const GERMAN = { decimalSeparator: ',', thousandsSeparator: '' };

/**
 * A DATEV "Buchungsstapel" (EXTF format, data category 21): line 1 the EXTF header (consultant and
 * client number, fiscal-year start, the batch's period), line 2 the column headers, then one
 * booking per line. Windows-1252, `;`, decimal comma; the amount is unsigned with S (Soll, debit)
 * or H (Haben, credit); Belegdatum is TTMM, its year taken from the batch's period.
 *
 * The source's own key of a booking is Belegfeld 1 (the receipt number) within consultant and
 * client: stable across exports, so an overlapping later export finds the bookings again. A
 * "Buchungs GUID" column, when present, is used instead.
 */
export async function* parseDatev(input: Readable, ctx: ParseContext, onHeader: (header: DatevHeader) => void): AsyncGenerator<ParsedRow> {
  let header: DatevHeader | undefined;
  let columns: Map<string, number> | undefined;
  for await (const { line, fields } of csvRecords(input, {
    delimiter: ';',
    encoding: 'windows-1252',
    fileName: ctx.fileName,
    firstLineApart: true,
  })) {
    if (!header) {
      header = readHeader(fields, line, ctx.fileName);
      onHeader(header);
      continue;
    }
    if (!columns) {
      columns = new Map(fields.map((name, i) => [name.trim(), i]));
      for (const key of REQUIRED) {
        if (!columns.has(COLUMN[key]))
          throw new ImportFileError(
            ctx.fileName,
            line,
            COLUMN[key],
            `the column "${COLUMN[key]}" is missing from the column headers; is this a DATEV Buchungsstapel?`,
          );
      }
      continue;
    }
    const cell = (key: keyof typeof COLUMN) => {
      const index = columns!.get(COLUMN[key]);
      return index === undefined ? '' : (fields[index] ?? '');
    };
    const at = (key: keyof typeof COLUMN) => ({ file: ctx.fileName, line, field: COLUMN[key] });
    const currency = cell('currency').trim();
    if (currency && currency !== 'EUR')
      throw new ImportFileError(ctx.fileName, line, COLUMN.currency, `only EUR bookings can be imported, not ${currency}.`);
    const unsigned = parseAmount(cell('amount'), GERMAN, at('amount'));
    const side = cell('debitCredit').trim().toUpperCase();
    if (side !== 'S' && side !== 'H')
      throw new ImportFileError(ctx.fileName, line, COLUMN.debitCredit, `"${cell('debitCredit')}" is neither S (Soll) nor H (Haben).`);
    const date = documentDate(cell('documentDate'), header, at('documentDate'));
    const receiptNumber = orNull(cell('receiptNumber'));
    const guid = orNull(cell('guid'));
    const payee = cleanText(cell('infoValue'));
    yield {
      line,
      sourceId: guid ? `guid:${guid}` : receiptNumber ? `${header.consultantNumber}/${header.clientNumber}/${receiptNumber}` : null,
      receiptNumber,
      invoiceDate: date,
      paymentDate: date,
      valueDate: null,
      // Soll on the expense account is spending; Haben a credit (refund, correction).
      amount: side === 'S' ? unsigned : unsigned.negated(),
      counterparty: payee,
      text: cleanText(cell('text')),
      account: orNull(cell('account')),
      contraAccount: orNull(cell('contraAccount')),
      costCentre: orNull(cell('costCentre')),
      costCentre2: orNull(cell('costCentre2')),
      reference: guid,
    };
  }
  if (!header) throw new ImportFileError(ctx.fileName, 1, 'EXTF header', 'the file is empty.');
  if (!columns)
    throw new ImportFileError(
      ctx.fileName,
      2,
      'column headers',
      'the file ends after the EXTF header line; the column headers are missing.',
    );
}

function readHeader(fields: string[], line: number, file: string): DatevHeader {
  const [marker, version, category, formatName, formatVersion] = fields;
  if (marker !== 'EXTF' && marker !== 'DTVF')
    throw new ImportFileError(
      file,
      line,
      'EXTF header',
      `the first line must start with "EXTF" (DATEV format), not "${(marker ?? '').slice(0, 20)}".`,
    );
  if (category !== '21' || formatName !== 'Buchungsstapel') {
    throw new ImportFileError(
      file,
      line,
      'Datenkategorie',
      `this is a DATEV "${formatName ?? ''}" file (category ${category ?? '?'}); only Buchungsstapel (category 21) holds bookings.`,
    );
  }
  const date = (index: number, name: string) => {
    const value = (fields[index] ?? '').trim();
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
    try {
      if (match) return parseLocalDate(`${match[1]}-${match[2]}-${match[3]}`);
    } catch {
      // reported below
    }
    throw new ImportFileError(file, line, name, `"${value}" is not a date written YYYYMMDD.`);
  };
  const periodFrom = date(14, 'Datum vom');
  const periodTo = date(15, 'Datum bis');
  if (periodTo < periodFrom) throw new ImportFileError(file, line, 'Datum bis', 'the batch ends before it starts.');
  return {
    formatVersion: `${version}/${formatVersion}`,
    consultantNumber: (fields[10] ?? '').trim(),
    clientNumber: (fields[11] ?? '').trim(),
    fiscalYearStart: date(12, 'WJ-Beginn'),
    periodFrom,
    periodTo,
    label: cleanText(fields[16]),
  };
}

/** Belegdatum is TTMM (leading zero sometimes dropped); the year is the one inside the batch's period. */
function documentDate(text: string, header: DatevHeader, at: { file: string; line: number; field: string }): LocalDate {
  const value = text.trim().padStart(4, '0');
  const match = /^(\d{2})(\d{2})$/.exec(value);
  if (!match) throw new ImportFileError(at.file, at.line, at.field, `"${text}" is not a date written TTMM.`);
  const firstYear = Number(header.periodFrom.slice(0, 4));
  const lastYear = Number(header.periodTo.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    let date: LocalDate;
    try {
      date = parseLocalDate(`${year}-${match[2]}-${match[1]}`);
    } catch {
      continue;
    }
    if (date >= header.periodFrom && date <= header.periodTo) return date;
  }
  throw new ImportFileError(
    at.file,
    at.line,
    at.field,
    `${match[1]}.${match[2]}. does not lie in the batch's period ${header.periodFrom} to ${header.periodTo}.`,
  );
}
