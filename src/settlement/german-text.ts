import { type Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';

/** "1.234.567,89 EUR": an amount as a German reader writes it (the amount itself is already exact to the cent). */
export function eur(value: Decimal): string {
  return `${germanNumber(value, 2)} EUR`;
}

/** "85,55 %". */
export function percent(value: Decimal): string {
  return `${germanNumber(value, 2)} %`;
}

/** A number with German separators; `places` decimals, or every decimal the value has when it has more. */
export function germanNumber(value: Decimal, places: number): string {
  const text = value.decimalPlaces() > places ? value.toFixed() : value.toFixed(places);
  const negative = text.startsWith('-');
  const [integer, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** "31.07.2024". */
export const germanDate = (date: LocalDate) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
