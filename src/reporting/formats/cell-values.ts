import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';

/** A report cell: text, a money amount (Decimal), a whole number (counts), a non-money quantity, a date, or empty. */
export type CellValue = string | Decimal | number | Quantity | CalendarDate | null;

/**
 * A figure that is not money (an indicator value, a percentage): written as a number, but not in
 * the EUR format. With `decimals` it is always shown with that many (a percentage: "-7,50").
 */
export class Quantity {
  constructor(
    readonly value: Decimal,
    readonly decimals: number | null = null,
  ) {}

  /** German notation for CSV ("12,5"). */
  german(): string {
    return (this.decimals === null ? this.value.toFixed() : this.value.toFixed(this.decimals)).replace('.', ',');
  }
}

/** A calendar day: TT.MM.JJJJ in CSV and PDF, a real date cell in the XLSX. */
export class CalendarDate {
  constructor(readonly date: LocalDate) {}

  german(): string {
    return germanDay(this.date);
  }
}

/** 2024-03-01 → 01.03.2024 */
export const germanDay = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** German notation for CSV: decimal comma, no thousands separator ("1234,50"), so spreadsheets read it as a number. */
export function germanAmount(value: Decimal): string {
  return value.toFixed(2).replace('.', ',');
}

/**
 * Text a spreadsheet would read as a formula (OWASP "CSV injection"): a cell starting with `=`,
 * `+`, `-`, `@`, tab or carriage return. Such text gets a leading apostrophe, so Excel and
 * LibreOffice show it as text; numbers are never text cells and still parse as numbers.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const neutralise = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

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
