import { type Decimal } from 'decimal.js';

import { type LocalDate, LocalDateParseError, parseLocalDate } from '../../common/dates/local-date.js';
import { MoneyParseError, parseMoney } from '../../common/money/money.js';
import { ImportFileError } from './parsed-row.js';

export const DATE_FORMATS = ['DD.MM.YYYY', 'DD.MM.YY', 'YYYY-MM-DD', 'YYYYMMDD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface NumberStyle {
  decimalSeparator: string;
  thousandsSeparator: string;
}

/** Where a value sits, for the error message. */
export interface ValueAt {
  file: string;
  line: number;
  field: string;
}

/**
 * An amount as an accounting export writes it ("1.234,56", "-12,00", "12,00-") → Decimal, with
 * the money rules of the ledger (at most two decimals, at most 12 integer digits).
 */
export function parseAmount(text: string, style: NumberStyle, at: ValueAt): Decimal {
  let value = text.trim();
  if (!value) throw new ImportFileError(at.file, at.line, at.field, 'the amount is empty.');
  let negative = false;
  if (value.endsWith('-')) {
    negative = true;
    value = value.slice(0, -1).trim();
  }
  if (value.startsWith('-')) {
    negative = !negative;
    value = value.slice(1).trim();
  } else if (value.startsWith('+')) value = value.slice(1).trim();
  if (style.thousandsSeparator) value = value.split(style.thousandsSeparator).join('');
  if (style.decimalSeparator !== '.') {
    if (value.includes('.'))
      throw new ImportFileError(
        at.file,
        at.line,
        at.field,
        `"${text}" is not an amount in this format (decimal separator "${style.decimalSeparator}").`,
      );
    value = value.replace(style.decimalSeparator, '.');
  }
  try {
    const amount = parseMoney(value);
    return negative ? amount.negated() : amount;
  } catch (error) {
    if (error instanceof MoneyParseError)
      throw new ImportFileError(at.file, at.line, at.field, `"${text}" is not an amount with at most two decimals.`);
    throw error;
  }
}

/** A date in the given layout → 'YYYY-MM-DD', refusing dates that are not in the calendar. */
export function parseDate(text: string, format: DateFormat, at: ValueAt): LocalDate {
  const value = text.trim();
  const patterns: Record<DateFormat, [RegExp, (m: RegExpExecArray) => string]> = {
    'DD.MM.YYYY': [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, (m) => `${m[3]}-${pad(m[2])}-${pad(m[1])}`],
    'DD.MM.YY': [/^(\d{1,2})\.(\d{1,2})\.(\d{2})$/, (m) => `20${m[3]}-${pad(m[2])}-${pad(m[1])}`],
    'YYYY-MM-DD': [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => `${m[1]}-${m[2]}-${m[3]}`],
    YYYYMMDD: [/^(\d{4})(\d{2})(\d{2})$/, (m) => `${m[1]}-${m[2]}-${m[3]}`],
    'DD/MM/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (m) => `${m[3]}-${pad(m[2])}-${pad(m[1])}`],
    'MM/DD/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (m) => `${m[3]}-${pad(m[1])}-${pad(m[2])}`],
  };
  const [regex, build] = patterns[format];
  const match = regex.exec(value);
  if (!match) throw new ImportFileError(at.file, at.line, at.field, `"${text}" is not a date in the format ${format}.`);
  try {
    return parseLocalDate(build(match));
  } catch (error) {
    if (error instanceof LocalDateParseError) throw new ImportFileError(at.file, at.line, at.field, `"${text}" is not a calendar date.`);
    throw error;
  }
}

const pad = (s: string) => s.padStart(2, '0');

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Text as staged: trimmed, control characters removed (they have no place in a payee or purpose). */
export function cleanText(text: string | undefined | null): string {
  return (text ?? '').replace(CONTROL_CHARACTERS, ' ').trim().normalize('NFC');
}

/** Empty text → null. */
export const orNull = (text: string | undefined | null): string | null => cleanText(text) || null;
