import fc from 'fast-check';
import { Decimal } from 'decimal.js';

import { FundingSourceKind as K } from '../budget/budget.enums.js';
import { formatMoney } from '../common/money/money.js';
import { FinancingType } from '../programs/programs.enums.js';
import { BASE_RATES_247_BGB } from '../tranches/base-rates.data.js';
import { type OtherSource, settle, type SettlementCategory, type SettlementInput } from './settlement.js';

const d = (v: string) => new Decimal(v);
const m = (v: Decimal) => formatMoney(v);
const RATES = BASE_RATES_247_BGB.map((r) => ({ validFrom: r.validFrom, ratePercent: d(r.ratePercent) }));
const cover = (own = '0.00', third = '0.00', income = '0.00'): Record<OtherSource, Decimal> => ({
  [K.OWN_FUNDS]: d(own),
  [K.THIRD_PARTY_FUNDS]: d(third),
  [K.INCOME]: d(income),
});
const category = (code: string, planned: string, actual: string, sortOrder: number): SettlementCategory => ({
  costCategoryId: code,
  code,
  name: code,
  sortOrder,
  planned: d(planned),
  actual: d(actual),
  assumption: null,
});

/**
 * The same spending pattern for every financing type: planned 100,000.00 (A 60,000.00, B1
 * 30,000.00, B3 10,000.00); spent 89,500.00 (A 58,000.00, B1 21,000.00 = 30 % under plan, B3
 * 10,500.00 = 5 % over); 150.00 interest income that the plan did not foresee.
 */
const PATTERN = [
  category('A', '60000.00', '58000.00', 0),
  category('B1', '30000.00', '21000.00', 1),
  category('B3', '10000.00', '10500.00', 3),
];
const base = (over: Partial<SettlementInput>): SettlementInput => ({
  financingType: FinancingType.FULL,
  fundingRate: d('100'),
  approvedTotal: d('100000.00'),
  revisionNumber: 0,
  categories: PATTERN,
  plannedCover: cover(),
  actualCover: cover('0.00', '0.00', '150.00'),
  paidOut: d('95000.00'),
  asOf: '2024-12-31',
  reclaimDueDate: '2025-01-01',
  baseRates: RATES,
  ...over,
});

describe('Schlussabrechnung by financing type (ANBest-P Nr. 2), one spending pattern', () => {
  it('full financing: the saving and the unplanned income reduce the grant in full', () => {
    // grant 100,000.00, no other cover planned
    // Fehlbetrag = 89,500.00 − own 0.00 − third 0.00 − income 150.00 = 89,350.00 = final grant
    // paid out 95,000.00 → overpayment 95,000.00 − 89,350.00 = 5,650.00; due 2025-01-01, after the as-of date: no interest yet
    const s = settle(base({}));
    expect([
      m(s.plannedExpenditure),
      m(s.eligibleExpenditure),
      m(s.finalGrant),
      m(s.balance),
      m(s.reclaim),
      m(s.interest.amount),
      m(s.totalDue),
    ]).toEqual(['100000.00', '89500.00', '89350.00', '5650.00', '5650.00', '0.00', '5650.00']);
    expect(s.steps.find((x) => x.label === 'Fehlbetrag (nicht anders gedeckte Ausgaben)')!.detail).toBe(
      '89.500,00 EUR − Eigenmittel 0,00 EUR − Drittmittel 0,00 EUR − sonstige Einnahmen 150,00 EUR = 89.350,00 EUR',
    );
    expect(s.steps.at(-1)).toMatchObject({ label: 'Gesamtforderung' });
  });

  it('share financing: the grant falls with the funding rate, rounded once to cents', () => {
    // rate 85.55 %, grant 85,550.00, own share 14,450.00 planned (12,000.00 booked: the own share is the remainder anyway)
    // more third-party funds and income than planned: 150.00 − 0.00 = 150.00
    // base 89,500.00 − 150.00 = 89,350.00; 89,350.00 × 85.55 % = 76,438.925 → 76,438.93 (half up)
    // paid out 80,000.00 → overpayment 80,000.00 − 76,438.93 = 3,561.07
    const s = settle(
      base({
        financingType: FinancingType.SHARE,
        fundingRate: d('85.55'),
        approvedTotal: d('85550.00'),
        plannedCover: cover('14450.00'),
        actualCover: cover('12000.00', '0.00', '150.00'),
        paidOut: d('80000.00'),
      }),
    );
    expect([m(s.finalGrant), m(s.balance), m(s.reclaim)]).toEqual(['76438.93', '3561.07', '3561.07']);
    expect(s.steps.find((x) => x.label === 'Anteil der Zuwendung')!.detail).toBe(
      '89.350,00 EUR × 85,55 % = 76.438,925 EUR, kaufmännisch auf Cent gerundet',
    );
  });

  it('deficit financing: the own share counts in full even when less was booked; the income reduces the grant in full', () => {
    // grant 70,000.00, own funds 20,000.00 and third-party funds 10,000.00 planned
    // booked: own 18,000.00 (counts as 20,000.00, the planned own share), third 10,000.00, income 150.00
    // Fehlbetrag = 89,500.00 − 20,000.00 − 10,000.00 − 150.00 = 59,350.00 = final grant
    // paid out 65,000.00 → overpayment 5,650.00
    const s = settle(
      base({
        financingType: FinancingType.DEFICIT,
        approvedTotal: d('70000.00'),
        plannedCover: cover('20000.00', '10000.00'),
        actualCover: cover('18000.00', '10000.00', '150.00'),
        paidOut: d('65000.00'),
      }),
    );
    expect([m(s.finalGrant), m(s.balance)]).toEqual(['59350.00', '5650.00']);
    expect(s.cover.map((c) => [c.kind, m(c.counted)])).toEqual([
      ['OWN_FUNDS', '20000.00'],
      ['THIRD_PARTY_FUNDS', '10000.00'],
      ['INCOME', '150.00'],
    ]);
  });

  it('fixed-amount financing: reduced only when spending falls below the fixed amount', () => {
    // fixed amount 95,000.00 (own funds 5,000.00): spending 89,500.00 is below it → grant 89,500.00
    // (the income of 150.00 does not reduce a fixed amount); paid out 95,000.00 → overpayment 5,500.00
    const below = settle(
      base({
        financingType: FinancingType.FIXED_AMOUNT,
        approvedTotal: d('95000.00'),
        plannedCover: cover('5000.00'),
        actualCover: cover('5000.00', '0.00', '150.00'),
      }),
    );
    expect([m(below.finalGrant), m(below.balance)]).toEqual(['89500.00', '5500.00']);
    // fixed amount 50,000.00: spending 89,500.00 reaches it → 50,000.00 despite the saving; paid out 50,000.00 → balanced
    const above = settle(
      base({
        financingType: FinancingType.FIXED_AMOUNT,
        approvedTotal: d('50000.00'),
        plannedCover: cover('50000.00'),
        actualCover: cover('50000.00', '0.00', '150.00'),
        paidOut: d('50000.00'),
      }),
    );
    expect([m(above.finalGrant), m(above.balance), above.steps.at(-1)!.label]).toEqual(['50000.00', '0.00', 'Ausgeglichen']);
  });

  it('an underpayment is shown as still to be paid out, without interest', () => {
    // full financing, paid out 80,000.00 against a final grant of 89,350.00 → 9,350.00 still to be paid
    const s = settle(base({ paidOut: d('80000.00'), reclaimDueDate: '2024-01-01' }));
    expect([m(s.balance), m(s.underpayment), m(s.reclaim), m(s.interest.amount)]).toEqual(['-9350.00', '9350.00', '0.00', '0.00']);
    expect(s.steps.at(-1)).toMatchObject({ label: 'Noch auszuzahlen' });
  });
});

describe('reclaim interest (§ 49a (3) VwVfG) across a base-rate change', () => {
  it('counts each day at the base rate in force plus 5 points, sums exactly and rounds once', () => {
    // reclaim 5,650.00 (the full-financing case), due 2024-06-01, as of 2024-07-31 (inclusive): 61 days
    //   1 Jun – 30 Jun 2024: 30 days × 5,650.00 × (3.62 % + 5 = 8.62 %) / 365 = 40.029863…
    //   1 Jul – 31 Jul 2024: 31 days × 5,650.00 × (3.37 % + 5 = 8.37 %) / 365 = 40.164534…
    //   sum 80.194397… → 80.19; total due 5,650.00 + 80.19 = 5,730.19
    const s = settle(base({ asOf: '2024-07-31', reclaimDueDate: '2024-06-01' }));
    expect(s.interest.days).toBe(61);
    expect(
      s.interest.pieces.map((p) => [
        p.from,
        p.until,
        p.days,
        p.yearlyPercent.toFixed(2),
        p.exact.toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed(6),
      ]),
    ).toEqual([
      ['2024-06-01', '2024-06-30', 30, '8.62', '40.029863'],
      ['2024-07-01', '2024-07-31', 31, '8.37', '40.164534'],
    ]);
    expect([m(s.interest.amount), m(s.totalDue)]).toEqual(['80.19', '5730.19']);
    const labels = s.steps.map((x) => x.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Zinsen 01.06.2024 bis 30.06.2024', 'Zinsen 01.07.2024 bis 31.07.2024', 'Zinsen nach § 49a Abs. 3 VwVfG']),
    );
    expect(s.steps.find((x) => x.label === 'Zinsen 01.06.2024 bis 30.06.2024')!.detail).toBe(
      '30 Tage × 5.650,00 EUR × (Basiszinssatz 3,62 % + 5 Prozentpunkte = 8,62 %) / 365 = 40,029863… EUR (ungerundet)',
    );
  });

  it('sums the day amounts before rounding: rounding each stretch would give a cent more', () => {
    // reclaim 1,000.00 (paid out 90,350.00 against 89,350.00), due 2024-06-30, as of 2024-07-02: 3 days
    //   30 Jun 2024:       1 day  × 1,000.00 × 8.62 % / 365 = 0.236164… (alone: 0.24)
    //   1 – 2 Jul 2024:    2 days × 1,000.00 × 8.37 % / 365 = 0.458630… (alone: 0.46)
    //   exact sum 0.694794… → 0.69 (rounded once), not 0.24 + 0.46 = 0.70
    const s = settle(base({ paidOut: d('90350.00'), asOf: '2024-07-02', reclaimDueDate: '2024-06-30' }));
    expect(m(s.reclaim)).toBe('1000.00');
    expect(s.interest.pieces.map((p) => p.days)).toEqual([1, 2]);
    expect(m(s.interest.amount)).toBe('0.69');
  });
});

describe('settlement properties', () => {
  const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => new Decimal(n).dividedBy(100));
  const categories = fc
    .array(fc.tuple(cents(50_000_000), cents(60_000_000)), { minLength: 1, maxLength: 6 })
    .map((rows) => rows.map(([planned, actual], i) => category(`K${i}`, planned.toFixed(2), actual.toFixed(2), i)));
  const coverArb = fc
    .tuple(cents(5_000_000), cents(5_000_000), cents(5_000_000))
    .map(([o, t, i]) => cover(o.toFixed(2), t.toFixed(2), i.toFixed(2)));

  it('never grants more than the approved total, nor less than zero, for any type and figures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(FinancingType)),
        categories,
        cents(80_000_000).filter((v) => v.gt(0)),
        fc.integer({ min: 1, max: 10_000 }).map((n) => new Decimal(n).dividedBy(100)),
        coverArb,
        coverArb,
        cents(90_000_000),
        (financingType, cats, approvedTotal, fundingRate, plannedCover, actualCover, paidOut) => {
          const s = settle(
            base({
              financingType,
              categories: cats,
              approvedTotal,
              fundingRate,
              plannedCover,
              actualCover,
              paidOut,
              asOf: '2025-03-31',
              reclaimDueDate: '2024-12-01',
            }),
          );
          expect(s.finalGrant.lte(approvedTotal)).toBe(true);
          expect(s.finalGrant.gte(0)).toBe(true);
          expect(s.finalGrant.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(s.balance.eq(paidOut.minus(s.finalGrant))).toBe(true);
          expect(s.totalDue.eq(s.reclaim.plus(s.interest.amount))).toBe(true);
        },
      ),
    );
  });

  it('full financing with spending = plan and the planned cover settles at exactly the grant', () => {
    fc.assert(
      fc.property(categories, cents(1_000_000), cents(1_000_000), (cats, third, income) => {
        const asPlanned = cats.map((c) => ({ ...c, actual: c.planned }));
        const planned = asPlanned.reduce((sum, c) => sum.plus(c.planned), new Decimal(0));
        fc.pre(planned.gt(third.plus(income)));
        // the grant is what the plan leaves to it: all spending less third-party funds and income
        const grant = planned.minus(third).minus(income);
        const sources = cover('0.00', third.toFixed(2), income.toFixed(2));
        const s = settle(
          base({ categories: asPlanned, approvedTotal: grant, plannedCover: sources, actualCover: sources, paidOut: grant }),
        );
        expect(m(s.finalGrant)).toBe(m(grant));
        expect(m(s.balance)).toBe('0.00');
      }),
    );
  });
});
