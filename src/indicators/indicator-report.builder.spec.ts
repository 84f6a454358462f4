import { Decimal } from 'decimal.js';

import type { Figure } from './indicator-figures.js';
import { buildReportRow, type RowTargets } from './indicator-report.builder.js';
import { ActualSource, Disaggregation, IndicatorKind, IndicatorUnit } from './indicators.enums.js';
import type { IndicatorDefinitionModel } from './models/indicator-definition.model.js';

const def = (o: Partial<IndicatorDefinitionModel> = {}): IndicatorDefinitionModel => ({
  id: 'i',
  programId: 'p',
  code: 'EECO03',
  name: 'Langzeitarbeitslose',
  unit: IndicatorUnit.PERSONS,
  kind: IndicatorKind.OUTPUT,
  source: ActualSource.COMPUTED,
  rule: 'LONG_TERM_UNEMPLOYED',
  denominatorRule: null,
  cumulative: true,
  disaggregations: [Disaggregation.GENDER],
  dataSource: 'Eintritt',
  ...o,
});

const figure = (period: number, cumulative: number, cells: [string, number, number][]): Figure => ({
  periodValue: new Decimal(period),
  cumulativeValue: new Decimal(cumulative),
  periodPersons: period,
  cumulativePersons: cumulative,
  numerator: null,
  denominator: null,
  cumulativeNumerator: null,
  cumulativeDenominator: null,
  cells: cells.map(([key, p, c]) => ({ dimension: Disaggregation.GENDER, key, period: p, cumulative: c })),
});

const targets: RowTargets = {
  baseline: null,
  milestone: new Decimal(50),
  target: new Decimal(200),
  yearMilestone: null,
  yearTarget: new Decimal(40),
};
// Half of the approval period has passed.
const ctx = (suppressBelow: number | null) => ({ elapsedDays: 365, totalDays: 730, suppressBelow });

describe('a report row', () => {
  it('gives attainment against the final target and the projected attainment, unsuppressed', () => {
    const row = buildReportRow(
      def(),
      figure(3, 60, [
        ['FEMALE', 2, 55],
        ['MALE', 1, 5],
        ['DIVERSE', 0, 0],
      ]),
      null,
      targets,
      ctx(null),
    );
    expect(row).toMatchObject({
      periodActual: new Decimal(3),
      cumulativeActual: new Decimal(60),
      suppressed: false,
      milestone: new Decimal(50),
      yearTarget: new Decimal(40),
    });
    expect(row.attainmentPercent!.toFixed(2)).toBe('30.00');
    expect(row.projectedActual!.toFixed(2)).toBe('120.00');
    expect(row.projectedAttainmentPercent!.toFixed(2)).toBe('60.00');
  });

  it('withholds small totals and what they could be recovered from, and a complement of a lone small cell', () => {
    const row = buildReportRow(
      def(),
      figure(3, 60, [
        ['FEMALE', 2, 55],
        ['MALE', 1, 5],
        ['DIVERSE', 0, 0],
      ]),
      new Decimal(2),
      targets,
      ctx(5),
    );
    // Period: 3 persons < 5 → the whole period breakdown is withheld; cumulative 60 stays with its derived figures.
    expect(row.periodActual).toBeNull();
    expect(row.lateCorrection).toBeNull();
    expect(row.cumulativeActual!.toFixed(2)).toBe('60.00');
    expect(row.disaggregations[0].period.every((c) => c.suppressed && c.count === null)).toBe(true);
    expect(row.disaggregations[0].cumulative).toEqual([
      { key: 'FEMALE', count: 55, suppressed: false },
      { key: 'MALE', count: 5, suppressed: false },
      { key: 'DIVERSE', count: 0, suppressed: false },
    ]);
    const small = buildReportRow(
      def(),
      figure(3, 4, [
        ['FEMALE', 3, 4],
        ['MALE', 0, 0],
        ['DIVERSE', 0, 0],
      ]),
      null,
      targets,
      ctx(5),
    );
    expect(small).toMatchObject({
      cumulativeActual: null,
      attainmentPercent: null,
      projectedActual: null,
      projectedAttainmentPercent: null,
      suppressed: true,
    });
  });

  it('never suppresses euro amounts', () => {
    const eur = {
      ...figure(0, 0, []),
      periodValue: new Decimal('1234.50'),
      cumulativeValue: new Decimal('1234.50'),
      periodPersons: null,
      cumulativePersons: null,
    };
    const row = buildReportRow(
      def({ unit: IndicatorUnit.EUR, source: ActualSource.MANUAL, rule: null, disaggregations: [] }),
      eur,
      null,
      targets,
      ctx(5),
    );
    expect(row.periodActual!.toFixed(2)).toBe('1234.50');
    expect(row.suppressed).toBe(false);
  });
});
