import { Decimal } from 'decimal.js';

import { FundingSourceKind as K } from '../budget/budget.enums.js';
import { AppError } from '../common/errors/app-error.js';
import { FinancingType } from '../programs/programs.enums.js';
import { ScenarioBasis, type SettlementScenarioInput } from './dto/settlement.args.js';
import { applyScenario } from './settlement-scenario.js';
import { settle, type SettlementInput } from './settlement.js';

const d = (v: string) => new Decimal(v);
const input: SettlementInput = {
  financingType: FinancingType.FULL,
  fundingRate: d('100'),
  approvedTotal: d('10000.00'),
  revisionNumber: 1,
  categories: [
    { costCategoryId: 'a', code: 'A', name: 'Personal', sortOrder: 0, planned: d('6000.00'), actual: d('3000.00'), assumption: null },
    { costCategoryId: 'b1', code: 'B1', name: 'Honorare', sortOrder: 1, planned: d('3333.33'), actual: d('1000.00'), assumption: null },
    { costCategoryId: 'b3', code: 'B3', name: 'Reisen', sortOrder: 3, planned: d('666.67'), actual: d('100.00'), assumption: null },
  ],
  plannedCover: { [K.OWN_FUNDS]: d('0'), [K.THIRD_PARTY_FUNDS]: d('0'), [K.INCOME]: d('0') },
  actualCover: { [K.OWN_FUNDS]: d('0'), [K.THIRD_PARTY_FUNDS]: d('0'), [K.INCOME]: d('20.00') },
  paidOut: d('5000.00'),
  asOf: '2024-06-30',
  reclaimDueDate: '2025-01-01',
  baseRates: [{ validFrom: '2016-07-01', ratePercent: d('-0.88') }],
};
const scenario = (s: Partial<SettlementScenarioInput>): SettlementScenarioInput => ({
  unlisted: ScenarioBasis.PLAN,
  categories: [],
  income: [],
  ...s,
});
const known = [{ id: 'd', code: 'D', name: 'Weiterleitung', sortOrder: 9 }];

describe('what-if settlements', () => {
  it('puts a category at a percentage of its plan (rounded half up to cents) and the others at their plan', () => {
    // B1: 3,333.33 × 70 % = 2,333.331 → 2,333.33; A 6,000.00 and B3 666.67 as planned → 9,000.00 − income 20.00 = 8,980.00
    const what = applyScenario(input, scenario({ categories: [{ costCategoryId: 'b1', percentOfPlan: d('70.00') }] }), known);
    expect(what.categories.map((c) => [c.code, c.actual.toFixed(2), c.assumption])).toEqual([
      ['A', '6000.00', 'wie geplant'],
      ['B1', '2333.33', '70,00 % des Solls'],
      ['B3', '666.67', 'wie geplant'],
    ]);
    const s = settle(what);
    expect(s.whatIf).toBe(true);
    expect(s.finalGrant.toFixed(2)).toBe('8980.00');
    expect(s.steps[0]).toMatchObject({
      label: 'Annahme (Was-wäre-wenn)',
      detail: 'B1 Honorare: 70,00 % des Solls von 3.333,33 EUR = 2.333,33 EUR',
    });
  });

  it('keeps unnamed categories as booked, takes assumed amounts, income and payouts, and may add a category of the programme', () => {
    const what = applyScenario(
      input,
      scenario({
        unlisted: ScenarioBasis.ACTUAL,
        categories: [{ costCategoryId: 'd', amount: d('500.00') }],
        income: [{ fundingSource: K.THIRD_PARTY_FUNDS, amount: d('100.00') }],
        paidOut: d('4000.00'),
      }),
      known,
    );
    // A 3,000.00 + B1 1,000.00 + B3 100.00 + D 500.00 = 4,600.00; − 100.00 third − 20.00 income = 4,480.00; paid 4,000.00 → −480.00
    const s = settle(what);
    expect([s.eligibleExpenditure.toFixed(2), s.finalGrant.toFixed(2), s.balance.toFixed(2)]).toEqual(['4600.00', '4480.00', '-480.00']);
    expect(s.assumptions).toEqual([
      'D Weiterleitung: 500,00 EUR angenommen',
      'Übrige Ausgabepositionen (A, B1, B3): wie gebucht',
      'Drittmittel: 100,00 EUR angenommen',
      'Ausgezahlte Zuwendung: 4.000,00 EUR angenommen',
    ]);
  });

  it.each([
    ['neither percentage nor amount', scenario({ categories: [{ costCategoryId: 'a' }] }), 'whatIf.categories.0'],
    [
      'both percentage and amount',
      scenario({ categories: [{ costCategoryId: 'a', amount: d('1'), percentOfPlan: d('1') }] }),
      'whatIf.categories.0',
    ],
    ['an unknown category', scenario({ categories: [{ costCategoryId: 'zz', amount: d('1') }] }), 'whatIf.categories.0.costCategoryId'],
    [
      'a category twice',
      scenario({
        categories: [
          { costCategoryId: 'a', amount: d('1') },
          { costCategoryId: 'a', amount: d('2') },
        ],
      }),
      'whatIf.categories.1.costCategoryId',
    ],
    ['a negative amount', scenario({ categories: [{ costCategoryId: 'a', amount: d('-1') }] }), 'whatIf.categories.0.amount'],
    [
      'the federal grant as income',
      scenario({ income: [{ fundingSource: K.FEDERAL_GRANT, amount: d('1') }] }),
      'whatIf.income.0.fundingSource',
    ],
    ['negative payouts', scenario({ paidOut: d('-1') }), 'whatIf.paidOut'],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_name, bad, field) => {
    try {
      applyScenario(input, bad, known);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
