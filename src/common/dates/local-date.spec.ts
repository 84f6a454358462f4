import { LocalDateScalar } from './local-date.scalar.js';
import { addDays, addMonths, compareLocalDates, daysBetween, fiscalYearOf, parseLocalDate } from './local-date.js';

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
});
