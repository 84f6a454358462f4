import type { LocalDate } from '../../common/dates/local-date.js';

/**
 * Day arithmetic for the demo and scale generators, which shift dates tens of thousands of times
 * per project among a few thousand distinct days: each date is parsed and each day formatted once,
 * then looked up. Same results as addDays in common/dates (days since 1970-01-01, UTC).
 */
const numbers = new Map<LocalDate, number>();
const dates = new Map<number, LocalDate>();

export function dayNumber(date: LocalDate): number {
  let n = numbers.get(date);
  if (n === undefined) {
    n = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    numbers.set(date, n);
  }
  return n;
}

export function dateOfDay(n: number): LocalDate {
  let date = dates.get(n);
  if (date === undefined) {
    date = new Date(n * 86_400_000).toISOString().slice(0, 10);
    dates.set(n, date);
  }
  return date;
}

export function shiftDays(date: LocalDate, days: number): LocalDate {
  return dateOfDay(dayNumber(date) + days);
}
