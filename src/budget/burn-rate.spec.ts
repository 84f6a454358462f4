import { Decimal } from 'decimal.js';

import { burnRate, forecast, lapsingRisk, periodClock } from './burn-rate.js';

const d = (v: string) => new Decimal(v);
const money = (v: Decimal) => v.toFixed(2);

describe('periodClock', () => {
  it.each([
    [
      'inside the period',
      '2026-11-24',
      { monthsElapsed: 59, recentMonths: 11, monthsRemaining: 13, monthsLeftInYear: 1, fiscalYear: 2026 },
    ],
    ['on the first day', '2022-01-01', { monthsElapsed: 1, recentMonths: 1, monthsRemaining: 71, monthsLeftInYear: 11, fiscalYear: 2022 }],
    ['before the start', '2021-06-30', { monthsElapsed: 0, recentMonths: 0, monthsRemaining: 72, monthsLeftInYear: 0, fiscalYear: 2021 }],
    ['after the end', '2028-03-01', { monthsElapsed: 72, recentMonths: 0, monthsRemaining: 0, monthsLeftInYear: 0, fiscalYear: 2028 }],
  ])('%s', (_name, asOf, expected) => {
    expect(periodClock('2022-01-01', '2027-12-31', asOf)).toEqual(expected);
  });

  it('counts a first year that starts mid-year from its start month', () => {
    expect(periodClock('2024-04-01', '2025-12-31', '2024-06-15')).toMatchObject({ monthsElapsed: 3, recentMonths: 3, monthsLeftInYear: 6 });
  });
});

describe('burn rate, forecast and lapsing risk (pinned date 2026-11-24)', () => {
  const clock = periodClock('2022-01-01', '2027-12-31', '2026-11-24');

  it('divides spending by months begun, rounding half up to cents', () => {
    const rate = burnRate(clock, d('5900000.01'), d('1100000.00'));
    expect(money(rate.overallPerMonth)).toBe('100000.00'); // 5,900,000.01 / 59 = 100,000.0001…
    expect(money(rate.recentPerMonth)).toBe('100000.00');
  });

  it('forecasts the end of the period at the recent rate', () => {
    const result = forecast(clock, d('10000000.00'), d('5900000.00'), d('1100000.00'));
    expect(result.monthsRemaining).toBe(13);
    expect(money(result.spentAtEnd)).toBe('7200000.00');
    expect(money(result.projectedRemainder)).toBe('2800000.00');
  });

  it('projects an overrun as a negative remainder', () => {
    expect(money(forecast(clock, d('1000.00'), d('990.00'), d('110.00')).projectedRemainder)).toBe('-120.00');
  });

  it('reports the part of the instalment that will not be drawn by year end', () => {
    // 1,100,000 spent in 11 months: December needs another 100,000; 1,500,000 drawn already.
    const risk = lapsingRisk(clock, d('1800000.00'), d('1500000.00'), d('1100000.00'));
    expect(money(risk.projectedDrawn)).toBe('1500000.00');
    expect(money(risk.atRisk)).toBe('300000.00');
    const behind = lapsingRisk(clock, d('1800000.00'), d('1000000.00'), d('1100000.00'));
    expect(money(behind.projectedDrawn)).toBe('1200000.00');
    expect(money(behind.atRisk)).toBe('600000.00');
    expect(money(lapsingRisk(clock, d('1000.00'), d('2000.00'), d('0.00')).atRisk)).toBe('0.00');
  });
});
