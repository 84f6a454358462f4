import { Decimal } from 'decimal.js';

import { FundingSourceKind as K } from '../budget/budget.enums.js';
import { fundingOverview } from './funding-figures.js';

const d = (v: string) => new Decimal(v);

describe('Einnahmen: planned against actual per funding source and fiscal year', () => {
  it('shows every source in every year and adds the years up to the totals exactly', () => {
    const overview = fundingOverview(
      [2024, 2025],
      [
        { fiscalYear: 2024, kind: K.FEDERAL_GRANT, amount: d('90000.00') },
        { fiscalYear: 2024, kind: K.OWN_FUNDS, amount: d('10000.00') },
        { fiscalYear: 2025, kind: K.FEDERAL_GRANT, amount: d('45000.00') },
      ],
      [
        { fiscalYear: 2024, kind: K.FEDERAL_GRANT, amount: d('80000.00') },
        { fiscalYear: 2024, kind: K.OWN_FUNDS, amount: d('7500.10') },
        { fiscalYear: 2025, kind: K.INCOME, amount: d('12.34') },
        { fiscalYear: 2025, kind: K.INCOME, amount: d('-2.34') },
      ],
    );
    expect(overview.years.map((y) => y.sources.map((s) => s.kind))).toEqual([
      ['FEDERAL_GRANT', 'OWN_FUNDS', 'THIRD_PARTY_FUNDS', 'INCOME'],
      ['FEDERAL_GRANT', 'OWN_FUNDS', 'THIRD_PARTY_FUNDS', 'INCOME'],
    ]);
    const own2024 = overview.years[0].sources[1];
    // 7500.10 − 10000.00 = −2499.90; −2499.90 / 10000 = −24.999 % → −25.00 (half up, display only)
    expect([own2024.deviation.toFixed(2), own2024.deviationPercent!.toFixed(2)]).toEqual(['-2499.90', '-25.00']);
    const income = overview.sources[3];
    // nothing planned: no percentage; 12.34 − 2.34 = 10.00 (a reversal nets out)
    expect([income.planned.toFixed(2), income.actual.toFixed(2), income.deviationPercent]).toEqual(['0.00', '10.00', null]);
    expect(overview.sources[0]).toMatchObject({ fiscalYear: null, kind: 'FEDERAL_GRANT' });
    expect(overview.sources[0].planned.toFixed(2)).toBe('135000.00');
    expect(overview.sources[0].actual.toFixed(2)).toBe('80000.00');
  });
});
