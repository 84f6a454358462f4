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
  // Counted on day numbers, without a Date: the counting rules call this per episode and indicator.
  // Anything but a four-digit-year date plus whole days stays within 1000..9999 goes the Date way,
  // which says what the answer is (its normalisation of odd input included).
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  if (
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 0 &&
    date.length === 10 &&
    date[4] === '-' &&
    date[7] === '-' &&
    Number.isInteger(days)
  ) {
    const result = dateOfDayNumber(dayNumber(year, month, 1) + day - 1 + days);
    if (result !== null) return result;
  }
  return addDaysByDate(date, days);
}

/** The value of `length` decimal digits at `start`, or -1 when any is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; days past the month's end run on), after H. Hinnant's days_from_civil. */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day number (civil_from_days), or null outside the years 1000-9999. */
function dateOfDayNumber(n: number): LocalDate | null {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** addDays through Date.UTC: the definition the day-number arithmetic above is tested against. */
export function addDaysByDate(date: LocalDate, days: number): LocalDate {
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
