import type { Decimal } from 'decimal.js';

import { ZERO } from '../../common/money/money.js';
import { CalendarDate, type CellValue } from '../formats/cell-values.js';
import type { ReceiptRow } from '../proof-data.js';

/** Belegliste columns (docs/domain.md#report-layouts), exactly as the grantor expects them. */
export const RECEIPT_HEADER = [
  'Lfd. Nr.',
  'Beleg-Nr.',
  'Ausgabeposition lt. Finanzierungsplan',
  'Zahlungsdatum',
  'Rechnungsdatum',
  'Zahlungsempfänger',
  'Grund der Zahlung',
  'Betrag brutto EUR',
  'davon nicht zuwendungsfähig EUR',
  'zuwendungsfähig EUR',
  'Bemerkung',
];

/**
 * Lays out the receipt list one row at a time: rows come ordered by cost category, then payment
 * date; a sum row closes each category and a total row the list. Holds only the running sums, so
 * the same writer serves the in-memory proof and the constant-memory stream from a database cursor.
 */
export class ReceiptListWriter {
  private number = 0;
  private category: { code: string; name: string } | null = null;
  private sums = NO_SUMS;
  private totals = NO_SUMS;

  push(row: ReceiptRow): CellValue[][] {
    const out: CellValue[][] = [];
    if (this.category && this.category.code !== row.categoryCode) out.push(this.closeCategory());
    this.category = { code: row.categoryCode, name: row.categoryName };
    this.number += 1;
    this.sums = add(this.sums, row);
    out.push([
      this.number,
      row.receiptNumber,
      `${row.categoryCode} ${row.categoryName}`,
      new CalendarDate(row.paymentDate),
      new CalendarDate(row.invoiceDate),
      row.payee,
      row.purpose,
      row.gross,
      row.ineligible,
      row.eligible,
      row.remark,
    ]);
    return out;
  }

  end(): CellValue[][] {
    const out: CellValue[][] = [];
    if (this.category) out.push(this.closeCategory());
    out.push([TOTAL_LABEL, null, null, null, null, null, null, this.totals.gross, this.totals.ineligible, this.totals.eligible, null]);
    return out;
  }

  private closeCategory(): CellValue[] {
    const { code, name } = this.category!;
    const row = [
      SUM_LABEL,
      null,
      `${code} ${name}`,
      null,
      null,
      null,
      null,
      this.sums.gross,
      this.sums.ineligible,
      this.sums.eligible,
      null,
    ];
    this.totals = add(this.totals, this.sums);
    this.sums = NO_SUMS;
    return row;
  }
}

export const SUM_LABEL = 'Summe';
export const TOTAL_LABEL = 'Gesamt';

const NO_SUMS = { gross: ZERO, ineligible: ZERO, eligible: ZERO };

function add(
  into: { gross: Decimal; ineligible: Decimal; eligible: Decimal },
  row: { gross: Decimal; ineligible: Decimal; eligible: Decimal },
) {
  return {
    gross: into.gross.plus(row.gross),
    ineligible: into.ineligible.plus(row.ineligible),
    eligible: into.eligible.plus(row.eligible),
  };
}

/** The whole receipt list at once (the XLSX needs it; the CSV download streams instead). */
export function receiptListRows(rows: Iterable<ReceiptRow>): { rows: CellValue[][]; sumRows: number[] } {
  const writer = new ReceiptListWriter();
  const out: CellValue[][] = [];
  for (const row of rows) out.push(...writer.push(row));
  out.push(...writer.end());
  const sumRows = out.flatMap((row, i) => (row[0] === SUM_LABEL || row[0] === TOTAL_LABEL ? [i] : []));
  return { rows: out, sumRows };
}
