import { stringify } from 'csv-stringify/sync';
import { Decimal } from 'decimal.js';

import { CalendarDate, type CellValue, germanAmount, neutralise, Quantity } from './cell-values.js';

/**
 * CSV as German spreadsheets expect it (docs/domain.md#report-layouts): `;` separator, decimal comma, UTF-8 with BOM,
 * CRLF line ends. Excel and LibreOffice open it with umlauts and amounts intact.
 */
export function germanCsv(header: string[], rows: CellValue[][]): Buffer {
  const text = stringify([header, ...rows.map((row) => row.map(csvCell))], {
    delimiter: ';',
    record_delimiter: '\r\n',
    bom: true,
    quoted_match: /[;"\r\n]/,
  });
  return Buffer.from(text, 'utf8');
}

const NEEDS_QUOTES = /[;"\r\n]/;

/**
 * One CSV line (without BOM), for streaming large lists row by row: the same output as germanCsv's
 * lines, written by hand because calling the stringifier per row costs more than the rest of a
 * million-row stream together.
 */
export function germanCsvLine(row: CellValue[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += ';';
    line += csvText(csvCell(row[i]));
  }
  return line + '\r\n';
}

/** A text cell as it stands in a line: quoted (quotes doubled) only where `;`, a quote or a line break needs it. */
export function csvText(text: string | null): string {
  if (text === null) return '';
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const UTF8_BOM = '\uFEFF';

function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Decimal) return germanAmount(value);
  if (value instanceof Quantity || value instanceof CalendarDate) return value.german();
  if (typeof value === 'number') return String(value);
  return neutralise(value);
}
