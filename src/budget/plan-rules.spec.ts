import { Decimal } from 'decimal.js';

import { AppError } from '../common/errors/app-error.js';
import { FundingSourceKind } from './budget.enums.js';
import { checkPlan, planFingerprint, type PlanContent } from './plan-rules.js';

const d = (v: string) => new Decimal(v);
const terms = { approvalStart: '2024-04-01', approvalEnd: '2025-12-31', approvedTotal: d('1000.10'), categoryCodes: new Set(['A', 'B1']) };

/** Share financing: 90 % grant, own funds make up the rest; balances exactly. */
const valid = (): PlanContent => ({
  lines: [
    { costCategory: 'A', fiscalYear: 2024, planned: d('600.05') },
    { costCategory: 'B1', fiscalYear: 2024, planned: d('0.00') },
    { costCategory: 'A', fiscalYear: 2025, planned: d('511.19') },
  ],
  instalments: [
    { fiscalYear: 2024, amount: d('540.05') },
    { fiscalYear: 2025, amount: d('460.05') },
  ],
  fundingSources: [
    { kind: FundingSourceKind.FEDERAL_GRANT, fiscalYear: 2024, amount: d('540.05') },
    { kind: FundingSourceKind.FEDERAL_GRANT, fiscalYear: 2025, amount: d('460.05') },
    { kind: FundingSourceKind.OWN_FUNDS, fiscalYear: 2024, amount: d('111.14') },
  ],
});

function failure(plan: PlanContent): { field?: string; message: string } {
  try {
    checkPlan(plan, terms);
  } catch (e) {
    if (e instanceof AppError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected the plan to be refused');
}

describe('checkPlan', () => {
  it('accepts a plan that holds every invariant, to the cent', () => {
    expect(() => checkPlan(valid(), terms)).not.toThrow();
  });

  it.each<[string, (p: PlanContent) => void, string, RegExp]>([
    ['unknown category', (p) => (p.lines[1].costCategory = 'C'), 'lines.1.costCategory', /"C" does not exist/],
    [
      'year before the period',
      (p) => (p.lines[0].fiscalYear = 2023),
      'lines.0.fiscalYear',
      /2023 lies outside the approval period \(2024–2025\)/,
    ],
    ['year after the period', (p) => (p.instalments[1].fiscalYear = 2026), 'instalments.1.fiscalYear', /2026/],
    ['negative line', (p) => (p.lines[1].planned = d('-0.01')), 'lines.1.planned', /0.00 EUR or more/],
    ['negative source', (p) => (p.fundingSources[2].amount = d('-1')), 'fundingSources.2.amount', /0.00 EUR or more/],
    ['duplicate line', (p) => p.lines.push({ ...p.lines[0] }), 'lines.3', /more than once/],
    ['duplicate instalment', (p) => p.instalments.push({ ...p.instalments[0] }), 'instalments.2', /more than once/],
    [
      'instalments one cent short',
      (p) => (p.instalments[0].amount = d('540.04')),
      'instalments',
      /add up to 1000.09 EUR, but the approved total is 1000.10 EUR/,
    ],
    [
      'grant differs from the instalment',
      (p) => (p.instalments = [{ fiscalYear: 2024, amount: d('1000.10') }]),
      'fundingSources',
      /2024.*540.05 EUR.*1000.10 EUR/,
    ],
    [
      'unbalanced by one cent',
      (p) => (p.lines[2].planned = d('511.20')),
      'lines',
      /lines add up to 1111.25 EUR, the funding sources to 1111.24 EUR/,
    ],
  ])('refuses %s', (_name, change, field, message) => {
    const plan = valid();
    change(plan);
    const error = failure(plan);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe('planFingerprint', () => {
  it('ignores order and zero rows but sees a one-cent change', () => {
    const plan = valid();
    const reordered = { ...plan, lines: [...plan.lines].reverse().filter((l) => !l.planned.isZero()) };
    expect(planFingerprint(reordered)).toBe(planFingerprint(plan));
    const changed = valid();
    changed.lines[0].planned = d('600.06');
    expect(planFingerprint(changed)).not.toBe(planFingerprint(plan));
  });
});
