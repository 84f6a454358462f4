import { Decimal } from 'decimal.js';

/** A report cell: text, a money amount (Decimal), a whole number (counts), a non-money quantity, a date, or empty. */
export type CellValue = string | Decimal | number | Quantity | null;

/**
 * A figure that is not money (an indicator value, a percentage): written as a number, but not in
 * the EUR format and without forcing two decimals.
 */
export class Quantity {
  constructor(readonly value: Decimal) {}

  /** German notation for CSV ("12,5"). */
  german(): string {
    return this.value.toFixed().replace('.', ',');
  }
}

/** German notation for CSV: decimal comma, no thousands separator ("1234,50"), so spreadsheets read it as a number. */
export function germanAmount(value: Decimal): string {
  return value.toFixed(2).replace('.', ',');
}

/**
 * The XLSX format stores every numeric cell as an IEEE double, so a money cell must be handed to the
 * spreadsheet library as one. This is the only place an amount becomes a JS number, at the file
 * boundary and never for arithmetic; it refuses any amount the double would not carry exactly
 * (numeric(14,2) has at most 14 significant digits, within the 15 a double always round-trips).
 */
export function spreadsheetNumber(value: Decimal): number {
  const text = value.toFixed(2);
  const number = Number(text);
  if (!new Decimal(number).eq(text)) throw new Error(`The amount ${text} cannot be written exactly as a spreadsheet number.`);
  return number;
}
