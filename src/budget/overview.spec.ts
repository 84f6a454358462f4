import { jest } from '@jest/globals';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';

import { sumMoney } from '../common/money/money.js';
import { FinancingType } from '../programs/programs.enums.js';
import { OverrunStatus } from './budget.enums.js';
import { toFiguresModel } from './budget.mapper.js';
import { computeOverview, type Figures, type OverviewInput } from './overview.js';

const d = (v: string) => new Decimal(v);
const categories = [
  { id: 'cat-a', code: 'A', name: 'Personalausgaben', sortOrder: 0 },
  { id: 'cat-b1', code: 'B1', name: 'Honorare', sortOrder: 1 },
  { id: 'cat-b2', code: 'B2', name: 'Miete', sortOrder: 2 },
];
const base: OverviewInput = {
  asOf: '2025-06-30',
  approvalStart: '2024-01-01',
  approvalEnd: '2025-12-31',
  financingType: FinancingType.FULL,
  lineOverrunPercent: d('20.00'),
  categories,
  lines: [
    { costCategoryId: 'cat-a', fiscalYear: 2024, planned: d('1000.00') },
    { costCategoryId: 'cat-b1', fiscalYear: 2024, planned: d('500.00') },
    { costCategoryId: 'cat-a', fiscalYear: 2025, planned: d('1000.00') },
  ],
  instalments: [
    { fiscalYear: 2024, amount: d('1500.00') },
    { fiscalYear: 2025, amount: d('1000.00') },
  ],
  totals: [
    { costCategoryId: 'cat-a', fiscalYear: 2024, drawn: d('1300.00'), spent: d('1150.00'), committed: d('0.00') },
    { costCategoryId: 'cat-b1', fiscalYear: 2024, drawn: d('0.00'), spent: d('200.00'), committed: d('10.00') },
    { costCategoryId: 'cat-b2', fiscalYear: 2025, drawn: d('0.00'), spent: d('0.01'), committed: d('0.00') },
  ],
};

describe('computeOverview', () => {
  it('divides for a deviation percent only where one is read (a division costs more than the rest of a cell)', () => {
    const divide = jest.spyOn(Decimal.prototype, 'dividedBy');
    try {
      const overview = computeOverview(base);
      const computing = divide.mock.calls.length;
      const line = overview.years[0].lines.find((l) => l.costCategory?.code === 'A')!;
      expect(line.deviationPercent?.toFixed(2)).toBe('15.00');
      expect(divide).toHaveBeenCalledTimes(computing + 1);
      // The percents of all cells, rows and totals were not among the divisions of computing.
      const all = [...overview.years.flatMap((y) => [...y.lines, y.total]), ...overview.categories, overview.total];
      expect(computing).toBeLessThan(all.filter((f) => !f.planned.isZero()).length);
    } finally {
      divide.mockRestore();
    }
  });

  it('keeps the lazy deviation percent on a shared prototype, not as an accessor on every figure (V8 gives each object literal with its own getter a hidden class of its own in the old generation, which kept every overview alive through young-generation collections)', () => {
    const overview = computeOverview(base);
    const all = [...overview.years.flatMap((y) => [...y.lines, y.total]), ...overview.categories, overview.total];
    const models = all.map(toFiguresModel);
    for (const figure of [...all, ...models]) {
      expect(Object.getOwnPropertyDescriptor(figure, 'deviationPercent')).toBeUndefined();
    }
    expect(new Set(all.map(Object.getPrototypeOf)).size).toBe(1);
    expect(new Set(models.map(Object.getPrototypeOf)).size).toBe(1);
    // Still read like a field, with the same value through the answer's model.
    const line = overview.years[0].lines.find((l) => l.costCategory?.code === 'A')!;
    expect(line.deviationPercent?.toFixed(2)).toBe('15.00');
    expect(toFiguresModel(line).deviationPercent?.toFixed(2)).toBe('15.00');
    expect({ ...toFiguresModel(line) }).toMatchObject({ planned: line.planned, spent: line.spent, available: line.available });
  });

  it('computes plan against actual per cell, year, category and total', () => {
    const overview = computeOverview(base);
    const y2024 = overview.years[0];
    expect(
      y2024.lines.map((l) => [
        l.costCategory?.code,
        l.planned.toFixed(2),
        l.spent.toFixed(2),
        l.deviation.toFixed(2),
        l.deviationPercent?.toFixed(2),
        l.status,
      ]),
    ).toEqual([
      ['A', '1000.00', '1150.00', '150.00', '15.00', OverrunStatus.WITHIN_TOLERANCE],
      ['B1', '500.00', '200.00', '-300.00', '-60.00', OverrunStatus.OK],
    ]);
    expect(y2024.lines[1].available.toFixed(2)).toBe('290.00');
    expect(y2024.total.status).toBe(OverrunStatus.WITHIN_TOLERANCE);
    // Spending in a category with no plan line still appears (and needs a revision).
    const b2 = overview.years[1].lines.find((l) => l.costCategory?.code === 'B2')!;
    expect(b2).toMatchObject({ status: OverrunStatus.NEEDS_REVISION, deviationPercent: null });
    expect(overview.total.planned.toFixed(2)).toBe('2500.00');
    expect(overview.total.spent.toFixed(2)).toBe('1350.01');
    expect(overview.status).toBe(OverrunStatus.NEEDS_REVISION);
    expect(overview.lapsing).toMatchObject({ fiscalYear: 2025 });
    expect(overview.lapsing.atRisk.toFixed(2)).toBe('999.98'); // 0.01 spent in 6 months → 0.02 more by December
  });

  it('exempts fixed-amount financing from the overrun rule', () => {
    const overview = computeOverview({ ...base, financingType: FinancingType.FIXED_AMOUNT });
    expect(overview.status).toBe(OverrunStatus.OK);
    expect(overview.years.flatMap((y) => y.lines.map((l) => l.status))).toEqual(expect.arrayContaining([OverrunStatus.OK]));
    expect(new Set(overview.years.flatMap((y) => y.lines.map((l) => l.status)))).toEqual(new Set([OverrunStatus.OK]));
  });

  it('shows every year of the period even without lines', () => {
    expect(computeOverview({ ...base, lines: [], totals: [], instalments: [] }).years.map((y) => y.fiscalYear)).toEqual([2024, 2025]);
  });

  describe("property: the overview's sums equal the sums of its inputs", () => {
    const cents = fc.bigInt({ min: 0n, max: 10_000_000_000n }).map((c) => new Decimal(c.toString()).dividedBy(100));
    const signedCents = fc.bigInt({ min: -1_000_000_00n, max: 10_000_000_000n }).map((c) => new Decimal(c.toString()).dividedBy(100));
    const key = { costCategoryId: fc.constantFrom(...categories.map((c) => c.id)), fiscalYear: fc.integer({ min: 2024, max: 2025 }) };
    const uniqueByKey = <T extends { costCategoryId: string; fiscalYear: number }>(rows: T[]) =>
      rows.filter((r, i) => rows.findIndex((o) => o.costCategoryId === r.costCategoryId && o.fiscalYear === r.fiscalYear) === i);
    const input = fc.record({
      lines: fc.array(fc.record({ ...key, planned: cents }), { maxLength: 8 }).map(uniqueByKey),
      totals: fc.array(fc.record({ ...key, drawn: signedCents, spent: cents, committed: cents }), { maxLength: 8 }).map(uniqueByKey),
      percent: fc.integer({ min: 0, max: 100 }),
      fixed: fc.boolean(),
    });
    const sum = (rows: readonly Figures[], f: 'planned' | 'drawn' | 'spent' | 'committed') => sumMoney(rows.map((r) => r[f]));

    it('per year, per category and in total, to the cent', () => {
      fc.assert(
        fc.property(input, ({ lines, totals, percent, fixed }) => {
          const overview = computeOverview({
            ...base,
            lines,
            totals,
            lineOverrunPercent: new Decimal(percent),
            financingType: fixed ? FinancingType.FIXED_AMOUNT : FinancingType.FULL,
          });
          const expected = {
            planned: sumMoney(lines.map((l) => l.planned)),
            drawn: sumMoney(totals.map((t) => t.drawn)),
            spent: sumMoney(totals.map((t) => t.spent)),
            committed: sumMoney(totals.map((t) => t.committed)),
          };
          for (const f of ['planned', 'drawn', 'spent', 'committed'] as const) {
            expect(overview.total[f].eq(expected[f])).toBe(true);
            expect(sum(overview.categories, f).eq(expected[f])).toBe(true);
            expect(
              sum(
                overview.years.map((y) => y.total),
                f,
              ).eq(expected[f]),
            ).toBe(true);
            for (const year of overview.years) expect(sum(year.lines, f).eq(year.total[f])).toBe(true);
          }
          for (const row of [overview.total, ...overview.categories, ...overview.years.flatMap((y) => [y.total, ...y.lines])]) {
            expect(row.available.eq(row.planned.minus(row.spent).minus(row.committed))).toBe(true);
          }
          for (const line of [...overview.categories, ...overview.years.flatMap((y) => y.lines)]) {
            if (fixed || line.spent.lte(line.planned)) expect(line.status).toBe(OverrunStatus.OK);
            else expect(line.status).not.toBe(OverrunStatus.OK);
          }
          if (fixed) expect(overview.status).toBe(OverrunStatus.OK);
          if (!fixed && expected.spent.gt(expected.planned)) expect(overview.status).toBe(OverrunStatus.NEEDS_REVISION);
        }),
        { numRuns: 200 },
      );
    });
  });
});
