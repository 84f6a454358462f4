import fc from 'fast-check';

import { LocalDateScalar } from './local-date.scalar.js';
import { addDays, addDaysByDate, addMonths, compareLocalDates, daysBetween, fiscalYearOf, parseLocalDate } from './local-date.js';

describe('local dates', () => {
  it('accepts real calendar dates only', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseLocalDate('2023-02-29')).toThrow(/not a calendar date/);
    expect(() => parseLocalDate('2023-1-5')).toThrow(/YYYY-MM-DD/);
    expect(() => parseLocalDate(20230105)).toThrow(/YYYY-MM-DD/);
  });

  it('serialises dates from the database as they are and refuses anything not written YYYY-MM-DD', () => {
    expect(LocalDateScalar.serialize('2024-02-29')).toBe('2024-02-29');
    expect(() => LocalDateScalar.serialize('2024-2-29')).toThrow(/YYYY-MM-DD/);
    expect(() => LocalDateScalar.serialize(new Date('2024-02-29'))).toThrow(/YYYY-MM-DD/);
  });

  it('does date arithmetic without time-zone drift', () => {
    expect(daysBetween('2022-01-01', '2022-12-31')).toBe(364);
    expect(addDays('2022-12-20', 42)).toBe('2023-01-31');
    expect(addMonths('2027-12-31', 6)).toBe('2028-06-30');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(fiscalYearOf('2025-07-14')).toBe(2025);
  });
  it('orders dates as the calendar does (the sign of daysBetween), across months, years and leap days', () => {
    const days = Array.from({ length: 800 }, (_, i) => addDays('2023-11-15', i * 3 - 400));
    for (const a of days.slice(0, 60)) for (const b of days) expect(Math.sign(compareLocalDates(a, b))).toBe(Math.sign(daysBetween(b, a)));
  });

  it('adds days on day numbers exactly as through Date.UTC, for every day of 1899-2101 and for random (also odd) input', () => {
    const mismatches: string[] = [];
    for (let day = '1899-01-01', n = 0; day <= '2101-12-31'; day = addDaysByDate(day, 1), n++) {
      for (const offset of [-1, 1, 28, -28, 183, -365, 366 + (n % 300), -(n % 1000)]) {
        if (addDays(day, offset) !== addDaysByDate(day, offset)) mismatches.push(`${day} ${offset}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    const date = fc.oneof(
      fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
      fc
        .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc.string({ maxLength: 12 }),
    );
    const days = fc.oneof(
      fc.integer({ min: -4_000_000, max: 4_000_000 }),
      fc.integer({ min: -400, max: 400 }),
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    );
    fc.assert(
      fc.property(date, days, (d, n) => addDays(d, n) === addDaysByDate(d, n)),
      { numRuns: 20_000, seed: 20261203 },
    );
  });
});
