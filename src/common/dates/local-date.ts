/**
 * Calendar dates (payment date, approval period) are plain 'YYYY-MM-DD' strings: a date in
 * grant law has no time zone, and a JS Date would shift it across midnight.
 */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class LocalDateParseError extends Error {}

/** Whether `value` is written YYYY-MM-DD (the shape only; parseLocalDate also checks the calendar). */
export function isLocalDateText(value: unknown): value is LocalDate {
  return typeof value === 'string' && ISO_DATE.test(value);
}

export function parseLocalDate(input: unknown): LocalDate {
  if (typeof input !== 'string' || !ISO_DATE.test(input)) {
    throw new LocalDateParseError(`"${String(input).slice(0, 40)}" is not a date; write it as YYYY-MM-DD.`);
  }
  const [year, month, day] = input.split('-').map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new LocalDateParseError(`"${input}" is not a calendar date.`);
  }
  return input;
}

/** Order of two calendar dates: YYYY-MM-DD compares as text, and `<` is far cheaper than localeCompare (ICU collation). */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function fiscalYearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  // Date.UTC and the getters, not Date.parse and toISOString: the counting rules call this per
  // episode and indicator, and the string round trip cost several times as much.
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days));
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${d.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Today's date in UTC; services take `today` as a parameter so tests can pin the clock. */
export function todayUtc(): LocalDate {
  return new Date().toISOString().slice(0, 10);
}
