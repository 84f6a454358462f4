import { Decimal } from 'decimal.js';

import { formatMoney } from '../common/money/money.js';
import { BASE_RATES_247_BGB } from './base-rates.data.js';
import { interestOwed, rateOn } from './interest.js';

const rates = BASE_RATES_247_BGB.map((r) => ({ validFrom: r.validFrom, ratePercent: new Decimal(r.ratePercent) }));
const FIVE = new Decimal(5);

describe('interest on funds not used in time (§ 49a VwVfG)', () => {
  it('finds the base rate in force on a day', () => {
    expect(rateOn('2022-12-31', rates).toString()).toBe('-0.88');
    expect(rateOn('2023-01-01', rates).toString()).toBe('1.62');
    expect(rateOn('2025-06-30', rates).toString()).toBe('2.27');
  });

  it('computes a hand-checked case inside one rate period', () => {
    // 100,000.00 EUR unused for 30 days in March 2024: base rate 3.62 % + 5 = 8.62 % p.a.
    // 100000 × 0.0862 × 30 / 365 = 708.493150… → 708.49
    const owed = interestOwed([{ from: '2024-03-01', to: '2024-03-31', amount: new Decimal('100000.00') }], rates, FIVE);
    expect(formatMoney(owed)).toBe('708.49');
  });

  it('splits a span at the 1 July rate change', () => {
    // 50,000.00 EUR from 2024-06-21 to 2024-07-11 (20 days): 10 days at 8.62 %, 10 days at 8.37 %.
    // 50000 × (0.0862 × 10 + 0.0837 × 10) / 365 = 50000 × 1.699 / 365 = 232.739726… → 232.74
    const owed = interestOwed([{ from: '2024-06-21', to: '2024-07-11', amount: new Decimal('50000.00') }], rates, FIVE);
    expect(formatMoney(owed)).toBe('232.74');
  });

  it('uses the negative base rate of 2022 (−0.88 % + 5 = 4.12 %)', () => {
    // 10,000.00 × 0.0412 × 365 / 365 = 412.00
    const owed = interestOwed([{ from: '2022-01-01', to: '2023-01-01', amount: new Decimal('10000.00') }], rates, FIVE);
    expect(formatMoney(owed)).toBe('412.00');
  });

  it('sums several spans exactly before rounding once', () => {
    // Three spans of 0.01 EUR for one day each round to 0.00 alone, and also together.
    const cent = { amount: new Decimal('0.01') };
    expect(formatMoney(interestOwed([{ from: '2024-01-01', to: '2024-01-02', ...cent }], rates, FIVE))).toBe('0.00');
    // 1,000,000.00 for 1 day at 8.62 % = 236.164383… plus 1 day at 8.37 % = 229.315068… → 465.479452 → 465.48
    const owed = interestOwed(
      [
        { from: '2024-06-30', to: '2024-07-01', amount: new Decimal('1000000.00') },
        { from: '2024-07-01', to: '2024-07-02', amount: new Decimal('1000000.00') },
      ],
      rates,
      FIVE,
    );
    expect(formatMoney(owed)).toBe('465.48');
  });

  it('owes nothing for empty or negative spans', () => {
    expect(formatMoney(interestOwed([{ from: '2024-01-05', to: '2024-01-05', amount: new Decimal('100') }], rates, FIVE))).toBe('0.00');
    expect(formatMoney(interestOwed([{ from: '2024-01-01', to: '2024-02-01', amount: new Decimal('-100') }], rates, FIVE))).toBe('0.00');
  });

  it('refuses a day for which no base rate is recorded', () => {
    expect(() => interestOwed([{ from: '2010-01-01', to: '2010-01-02', amount: new Decimal('1') }], rates, FIVE)).toThrow(
      /No § 247 BGB base rate/,
    );
  });
});
