import { Decimal } from 'decimal.js';

import type { CountedParticipant, Observation } from './counting-rules.js';
import {
  type ApprovedUpdate,
  computedFigure,
  type IndicatorSpec,
  manualFigure,
  percentOf,
  projectToEnd,
  ruleRunner,
} from './indicator-figures.js';
import { ActualSource, Disaggregation, IndicatorUnit } from './indicators.enums.js';

const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const SINCE_START = { from: '2023-01-01', to: '2024-12-31' };

const person = (id: string, o: Partial<CountedParticipant> = {}): CountedParticipant => ({
  id,
  personId: id,
  gender: 'FEMALE',
  ageAtEntry: 44,
  entryDate: '2024-03-01',
  exitDate: '2024-06-30',
  entryStatus: 'UNEMPLOYED',
  education: 'ISCED_3_4',
  track: 'WOMEN_REENTRY',
  ...o,
});
const employed = (participantId: string, observedOn: string): Observation => ({
  participantId,
  observedOn,
  recordNo: 1,
  type: 'EMPLOYMENT_SOCIAL_INSURANCE',
});
const parameters = { resultWindowDays: 28, followUpToleranceDays: 28 };

const spec = (o: Partial<IndicatorSpec>): IndicatorSpec => ({
  id: 'x',
  unit: IndicatorUnit.PERSONS,
  source: ActualSource.COMPUTED,
  cumulative: true,
  disaggregations: [],
  ...o,
});

describe('indicator figures (pure)', () => {
  const participants = [
    person('a'),
    person('b', { gender: 'MALE', education: null }),
    person('c', { entryDate: '2023-05-01', exitDate: '2023-09-30' }),
    person('d', { exitDate: null, ageAtEntry: 24 }),
  ];
  const observations = [employed('a', '2024-07-05'), employed('c', '2023-10-01')];

  it('counts a rule for the period and cumulatively, with every cell of a breakdown (zero cells and unknown education included)', () => {
    const f = computedFigure(
      spec({ rule: 'PARTICIPANTS', disaggregations: [Disaggregation.GENDER, Disaggregation.EDUCATION] }),
      ruleRunner({ participants, observations, parameters }),
      YEAR,
      SINCE_START,
    );
    expect(f.periodValue.toFixed(2)).toBe('3.00');
    expect(f.cumulativeValue.toFixed(2)).toBe('4.00');
    expect(f.cells.filter((c) => c.dimension === Disaggregation.GENDER)).toEqual([
      { dimension: 'GENDER', key: 'FEMALE', period: 2, cumulative: 3 },
      { dimension: 'GENDER', key: 'MALE', period: 1, cumulative: 1 },
      { dimension: 'GENDER', key: 'DIVERSE', period: 0, cumulative: 0 },
    ]);
    expect(f.cells.find((c) => c.key === 'UNKNOWN')).toMatchObject({ period: 1, cumulative: 1 });
  });

  it('gives a percentage with its numerator and denominator, rounded half up to two decimals', () => {
    // Employed on leaving in 2024: a (of leavers a, b) = 50 %; cumulatively a and c of a, b, c = 66.67 %.
    const f = computedFigure(
      spec({ unit: IndicatorUnit.PERCENT, rule: 'EMPLOYED_ON_LEAVING', denominatorRule: 'LEAVERS', cumulative: false }),
      ruleRunner({ participants, observations, parameters }),
      YEAR,
      SINCE_START,
    );
    expect(f).toMatchObject({ numerator: 1, denominator: 2, cumulativeNumerator: 2, cumulativeDenominator: 3 });
    expect(f.periodValue.toFixed(2)).toBe('50.00');
    expect(f.cumulativeValue.toFixed(2)).toBe('66.67');
    expect(percentOf(1, 0)).toBeNull();
  });

  it('refuses an unknown rule name instead of reporting zero', () => {
    expect(() =>
      computedFigure(spec({ rule: 'NO_SUCH_RULE' }), ruleRunner({ participants, observations, parameters }), YEAR, SINCE_START),
    ).toThrow(/unknown counting rule/);
  });

  const update = (periodTo: string, value: string, decided = '2025-01-10', extra: Partial<ApprovedUpdate> = {}): ApprovedUpdate => ({
    indicatorId: 'x',
    periodTo,
    decidedAt: new Date(`${decided}T10:00:00Z`),
    value: new Decimal(value),
    numerator: null,
    denominator: null,
    ...extra,
  });

  it('adds approved updates of a cumulative manual indicator in the period of their end date', () => {
    const updates = [
      update('2023-12-31', '4'),
      update('2024-06-30', '5'),
      update('2024-12-31', '6'),
      update('2025-06-30', '100'),
      { ...update('2024-12-31', '50'), indicatorId: 'other' },
    ];
    const f = manualFigure(spec({ source: ActualSource.MANUAL }), updates, YEAR, SINCE_START);
    expect(f.periodValue.toFixed(2)).toBe('11.00');
    expect(f.cumulativeValue.toFixed(2)).toBe('15.00');
    expect(f.periodPersons).toBe(11);
  });

  it('takes the latest approved value of a level (non-cumulative) indicator, with its share', () => {
    const updates = [
      update('2024-06-30', '70.00', '2024-07-01', { numerator: 7, denominator: 10 }),
      update('2024-12-31', '75.00', '2025-01-02', { numerator: 15, denominator: 20 }),
      update('2024-12-31', '80.00', '2025-01-03', { numerator: 16, denominator: 20 }),
    ];
    const f = manualFigure(
      spec({ source: ActualSource.MANUAL, unit: IndicatorUnit.PERCENT, cumulative: false }),
      updates,
      YEAR,
      SINCE_START,
    );
    expect(f.periodValue.toFixed(2)).toBe('80.00');
    expect(f).toMatchObject({ numerator: 16, denominator: 20 });
  });

  it('projects cumulative figures linearly to the end of the approval period and keeps levels as they are', () => {
    // 120 after 365 of 730 days → 240; a level of 35.50 stays 35.50; nothing elapsed gives no projection.
    expect(projectToEnd(new Decimal(120), true, 365, 730)!.toFixed(2)).toBe('240.00');
    expect(projectToEnd(new Decimal('35.50'), false, 365, 730)!.toFixed(2)).toBe('35.50');
    expect(projectToEnd(new Decimal(1), true, 0, 730)).toBeNull();
    // 1 after 3 of 10 days: 3.333… → 3.33 (half up).
    expect(projectToEnd(new Decimal(1), true, 3, 10)!.toFixed(2)).toBe('3.33');
  });
});
