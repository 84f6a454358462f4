import { Decimal } from 'decimal.js';

/**
 * Money is EUR with cents, held as a decimal.js value end to end and stored as numeric(14,2).
 * A JavaScript number never holds an amount: parsing goes from string to Decimal directly.
 */
export type Money = Decimal;

/**
 * An amount as PostgreSQL writes a numeric(14,2) column or a sum of them: exact, with exactly two
 * decimals ("1234.50", "-0.01"). Read pages pass it through to the Decimal scalar unparsed; a rule
 * that computes with it parses it first (`parseMoney`). Only `moneyText` makes one.
 */
export type MoneyText = string & { readonly __moneyText: unique symbol };

/** The canonical text the Decimal scalar writes: no leading zeros, exactly two decimals, at most 12 integer digits. */
export const CANONICAL_MONEY = /^-?(?:0|[1-9]\d{0,11})\.\d\d$/;

/**
 * `text` as MoneyText when it is canonical (every numeric(14,2) value PostgreSQL returns is);
 * anything else is a programming error (a column that is not numeric(14,2)), never client input.
 */
export function moneyText(text: string): MoneyText {
  if (!CANONICAL_MONEY.test(text)) throw new TypeError(`"${text.slice(0, 20)}" is not an amount as numeric(14,2) text.`);
  return text as MoneyText;
}

/** numeric(14,2) holds 12 integer digits. */
const MONEY_INTEGER_DIGITS = 12;
/** Plain decimal notation only: optional minus, digits, optional point with up to any digits. */
const PLAIN_DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

export class MoneyParseError extends Error {}

/**
 * Parses a money amount given as a string in plain notation ("1234.5", "-0.01").
 * Rejects anything that is not exactly representable in numeric(14,2): exponent notation,
 * NaN/Infinity, more than two decimals, more than 12 integer digits.
 */
export function parseMoney(input: unknown): Money {
  return parseDecimalText(input, MONEY_INTEGER_DIGITS, 'An amount must be given as a string such as "1234.50".');
}

/** Parses a plain-notation decimal with at most two decimals and `maxIntegerDigits` integer digits. */
export function parseDecimalText(input: unknown, maxIntegerDigits: number, notAStringMessage: string): Decimal {
  if (typeof input !== 'string') {
    throw new MoneyParseError(notAStringMessage);
  }
  const text = input.trim();
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) {
    throw new MoneyParseError(`"${truncate(input)}" is not an amount; write it like "1234.50" (point as decimal separator, no exponent).`);
  }
  const [, integerPart, fraction = ''] = match;
  if (fraction.length > 2) {
    throw new MoneyParseError(`"${truncate(input)}" has more than two decimals; amounts are in euro and cent.`);
  }
  if (integerPart.replace(/^0+(?=\d)/, '').length > maxIntegerDigits) {
    throw new MoneyParseError(`"${truncate(input)}" is too large; at most ${maxIntegerDigits} digits before the decimal point.`);
  }
  return new Decimal(text);
}

/** toString of an amount that already has at most two decimals and no exponent. */
const PLAIN_CENTS = /^-?\d+(?:\.(\d\d?))?$/;

/**
 * The canonical money text: always exactly two decimals ("0.10", "10000000.00"). Every amount in
 * an answer passes through here; toFixed costs about seven times what toString does, so an amount
 * that already has at most two decimals (all stored money) is only padded.
 */
export function formatMoney(value: Money): string {
  const text = value.toString();
  const cents = PLAIN_CENTS.exec(text);
  if (!cents) return value.toFixed(2, Decimal.ROUND_HALF_UP);
  return cents[1] === undefined ? `${text}.00` : cents[1].length === 1 ? `${text}0` : text;
}

/**
 * The one rounding rule for computed shares (funding rate, interest): round half up to cents
 * (kaufmännisches Runden). Only rules that compute a share call this; booked amounts are exact.
 */
export function roundToCents(value: Decimal): Money {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = new Decimal(0);
  for (const value of values) total = total.plus(value);
  return total;
}

export const ZERO = new Decimal(0);

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
