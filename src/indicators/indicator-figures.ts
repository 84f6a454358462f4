import { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import { ageBand, COMPUTED_RULES, type CountedParticipant, type Period, type RuleInput } from './counting-rules.js';
import { type ActualSource, Disaggregation, IndicatorUnit } from './indicators.enums.js';

/**
 * The figures of one indicator for one period, before suppression: the pure core of the report.
 * Counts come from the named counting rules; percentages keep their numerator and denominator.
 */
export interface IndicatorSpec {
  id: string;
  unit: IndicatorUnit;
  source: ActualSource;
  rule?: string | null;
  denominatorRule?: string | null;
  cumulative: boolean;
  disaggregations: Disaggregation[];
}

export interface FigureCell {
  dimension: Disaggregation;
  key: string;
  period: number;
  cumulative: number;
}

export interface Figure {
  periodValue: Decimal;
  cumulativeValue: Decimal;
  /** Persons behind the figure (PERSONS: the value; PERCENT: the numerator); null for EUR. */
  periodPersons: number | null;
  cumulativePersons: number | null;
  numerator: number | null;
  denominator: number | null;
  cumulativeNumerator: number | null;
  cumulativeDenominator: number | null;
  cells: FigureCell[];
}

/** An approved manual update, reduced to what counting needs. */
export interface ApprovedUpdate {
  indicatorId: string;
  periodTo: LocalDate;
  decidedAt: Date;
  value: Decimal;
  numerator: number | null;
  denominator: number | null;
}

/** Every key of a dimension that is always shown (zero cells included), in report order. */
const FIXED_KEYS: Partial<Record<Disaggregation, string[]>> = {
  [Disaggregation.GENDER]: ['FEMALE', 'MALE', 'DIVERSE'],
  [Disaggregation.AGE_BAND]: ['UNDER_30', 'FROM_30_TO_54', 'FROM_55'],
  [Disaggregation.EDUCATION]: ['ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8', 'UNKNOWN'],
};

const KEY_OF: Record<Disaggregation, (p: CountedParticipant) => string> = {
  [Disaggregation.GENDER]: (p) => p.gender,
  [Disaggregation.AGE_BAND]: (p) => ageBand(p.ageAtEntry),
  [Disaggregation.EDUCATION]: (p) => p.education ?? 'UNKNOWN',
  [Disaggregation.TRACK]: (p) => p.track,
};

/** Percent with two decimals, rounded half up: a display rule for shares, not money. */
export function percentOf(numerator: number | Decimal, denominator: number | Decimal): Decimal | null {
  const d = new Decimal(denominator);
  if (d.isZero()) return null;
  return new Decimal(numerator).times(100).dividedBy(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Runs counting rules over one data set, each (rule, period) once: indicators share rules (PS01 and PS02 both count integrations). */
export type RuleRunner = (rule: string, period: Period) => CountedParticipant[];

export function ruleRunner(input: RuleInput): RuleRunner {
  const cache = new Map<string, CountedParticipant[]>();
  return (name, period) => {
    const key = `${name}|${period.from}|${period.to}`;
    let counted = cache.get(key);
    if (!counted) {
      const rule = COMPUTED_RULES[name];
      if (!rule) throw new Error(`Unknown counting rule "${name}".`);
      counted = rule(input, period);
      cache.set(key, counted);
    }
    return counted;
  };
}

export function computedFigure(spec: IndicatorSpec, run: RuleRunner, period: Period, cumulativePeriod: Period): Figure {
  if (!spec.rule || !COMPUTED_RULES[spec.rule]) throw new Error(`Indicator ${spec.id} names an unknown counting rule "${spec.rule}".`);
  const inPeriod = run(spec.rule, period);
  const upToEnd = run(spec.rule, cumulativePeriod);
  const cells = breakdown(spec.disaggregations, inPeriod, upToEnd);
  if (spec.unit === IndicatorUnit.PERCENT) {
    const denominatorRule = spec.denominatorRule;
    if (!denominatorRule || !COMPUTED_RULES[denominatorRule]) throw new Error(`Percent indicator ${spec.id} names no denominator rule.`);
    const denominator = run(denominatorRule, period).length;
    const cumulativeDenominator = run(denominatorRule, cumulativePeriod).length;
    return {
      periodValue: percentOf(inPeriod.length, denominator) ?? new Decimal(0),
      cumulativeValue: percentOf(upToEnd.length, cumulativeDenominator) ?? new Decimal(0),
      periodPersons: inPeriod.length,
      cumulativePersons: upToEnd.length,
      numerator: inPeriod.length,
      denominator,
      cumulativeNumerator: upToEnd.length,
      cumulativeDenominator,
      cells,
    };
  }
  return {
    periodValue: new Decimal(inPeriod.length),
    cumulativeValue: new Decimal(upToEnd.length),
    periodPersons: inPeriod.length,
    cumulativePersons: upToEnd.length,
    numerator: null,
    denominator: null,
    cumulativeNumerator: null,
    cumulativeDenominator: null,
    cells,
  };
}

function breakdown(dimensions: Disaggregation[], inPeriod: CountedParticipant[], upToEnd: CountedParticipant[]): FigureCell[] {
  const cells: FigureCell[] = [];
  for (const dimension of dimensions) {
    const keyOf = KEY_OF[dimension];
    const periodCounts = tally(inPeriod, keyOf);
    const cumulativeCounts = tally(upToEnd, keyOf);
    const keys = new Set(FIXED_KEYS[dimension]);
    for (const key of [...cumulativeCounts.keys()].sort()) keys.add(key);
    for (const key of keys) cells.push({ dimension, key, period: periodCounts.get(key) ?? 0, cumulative: cumulativeCounts.get(key) ?? 0 });
  }
  return cells;
}

function tally(participants: CountedParticipant[], keyOf: (p: CountedParticipant) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of participants) {
    const key = keyOf(p);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * A MANUAL indicator from its approved updates: an update counts in the period containing its end
 * date. Cumulative indicators add the updates up; others take the latest approved value.
 */
export function manualFigure(spec: IndicatorSpec, approved: ApprovedUpdate[], period: Period, cumulativePeriod: Period): Figure {
  const mine = approved.filter((u) => u.indicatorId === spec.id);
  const within = (p: Period) =>
    mine
      .filter((u) => u.periodTo >= p.from && u.periodTo <= p.to)
      .sort((a, b) => a.periodTo.localeCompare(b.periodTo) || a.decidedAt.getTime() - b.decidedAt.getTime());
  const inPeriod = within(period);
  const upToEnd = within(cumulativePeriod);
  const persons = spec.unit === IndicatorUnit.PERSONS;
  if (spec.cumulative) {
    const sum = (us: ApprovedUpdate[]) => us.reduce((acc, u) => acc.plus(u.value), new Decimal(0));
    const num = (us: ApprovedUpdate[], pick: (u: ApprovedUpdate) => number | null) =>
      us.some((u) => pick(u) !== null) ? us.reduce((acc, u) => acc + (pick(u) ?? 0), 0) : null;
    const periodValue = sum(inPeriod);
    const cumulativeValue = sum(upToEnd);
    return {
      periodValue,
      cumulativeValue,
      periodPersons: persons ? periodValue.toNumber() : num(inPeriod, (u) => u.numerator),
      cumulativePersons: persons ? cumulativeValue.toNumber() : num(upToEnd, (u) => u.numerator),
      numerator: num(inPeriod, (u) => u.numerator),
      denominator: num(inPeriod, (u) => u.denominator),
      cumulativeNumerator: num(upToEnd, (u) => u.numerator),
      cumulativeDenominator: num(upToEnd, (u) => u.denominator),
      cells: [],
    };
  }
  const latest = inPeriod.at(-1);
  const latestOverall = upToEnd.at(-1);
  return {
    periodValue: latest?.value ?? new Decimal(0),
    cumulativeValue: latestOverall?.value ?? new Decimal(0),
    periodPersons: persons ? (latest?.value.toNumber() ?? 0) : (latest?.numerator ?? null),
    cumulativePersons: persons ? (latestOverall?.value.toNumber() ?? 0) : (latestOverall?.numerator ?? null),
    numerator: latest?.numerator ?? null,
    denominator: latest?.denominator ?? null,
    cumulativeNumerator: latestOverall?.numerator ?? null,
    cumulativeDenominator: latestOverall?.denominator ?? null,
    cells: [],
  };
}

/**
 * Linear projection to the end of the approval period: the cumulative figure scaled by the share
 * of the period elapsed. Levels (non-cumulative indicators) are projected to stay as they are.
 */
export function projectToEnd(cumulativeValue: Decimal, cumulative: boolean, elapsedDays: number, totalDays: number): Decimal | null {
  if (!cumulative) return cumulativeValue;
  if (elapsedDays <= 0) return null;
  return cumulativeValue.times(totalDays).dividedBy(Math.min(elapsedDays, totalDays)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
