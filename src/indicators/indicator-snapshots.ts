import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import type { Project } from '../programs/entities/project.entity.js';
import { IndicatorCorrection } from './entities/indicator-correction.entity.js';
import type { IndicatorDefinition } from './entities/indicator-definition.entity.js';
import { IndicatorSnapshot } from './entities/indicator-snapshot.entity.js';
import type { ReportingPeriod } from './entities/reporting-period.entity.js';
import type { Figure } from './indicator-figures.js';
import { idOf } from './indicator-inputs.js';
import { Disaggregation } from './indicators.enums.js';

/** The totals of a figure that a late correction compares. */
export interface FigureTotals {
  value: Decimal;
  persons: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** One earlier locked period's figure as last reported and as it is now. */
export interface LateCorrection {
  periodId: string;
  periodFrom: LocalDate;
  periodTo: LocalDate;
  reported: FigureTotals;
  corrected: FigureTotals;
  /** corrected − reported value, in the indicator's unit (percentage points for shares). */
  difference: Decimal;
}

/** A figure together with the late corrections reported alongside it. */
export interface ReportedFigure {
  figure: Figure;
  /** The sum of the differences of `corrections` (null where a report carries none). */
  lateCorrection: Decimal | null;
  /** Open period: the earlier locked periods' changes not reported yet; locked period: those reported with it. */
  corrections: LateCorrection[];
  /** Locked period only: its figure recomputed from the data now, when that differs from the frozen figure. */
  corrected: (FigureTotals & { difference: Decimal }) | null;
}

export const totalsOf = (f: Figure): FigureTotals => ({
  value: f.periodValue,
  persons: f.periodPersons,
  numerator: f.numerator,
  denominator: f.denominator,
});

/** Whether two totals differ in anything a reader of the report sees. */
export const totalsDiffer = (a: FigureTotals, b: FigureTotals): boolean =>
  !a.value.equals(b.value) || a.persons !== b.persons || a.numerator !== b.numerator || a.denominator !== b.denominator;

const TOTAL = 'TOTAL';

type SnapshotRow = Omit<IndicatorSnapshot, 'period' | 'indicator' | 'project' | 'id'> & { period: unknown; indicator: unknown };

/** Writes the frozen figures of a period being locked: one TOTAL row per indicator plus one row per cell, and the late corrections it reports. */
export function writeSnapshot(
  em: EntityManager,
  project: Project,
  period: ReportingPeriod,
  definitions: IndicatorDefinition[],
  figures: Map<string, ReportedFigure>,
): void {
  for (const indicator of definitions) {
    const reported = figures.get(indicator.id);
    if (!reported) continue;
    const { figure, lateCorrection, corrections } = reported;
    em.create(IndicatorSnapshot, {
      project,
      period,
      indicator,
      dimension: TOTAL,
      cellKey: TOTAL,
      periodValue: figure.periodValue,
      cumulativeValue: figure.cumulativeValue,
      periodCount: figure.periodPersons,
      cumulativeCount: figure.cumulativePersons,
      numerator: figure.numerator,
      denominator: figure.denominator,
      cumulativeNumerator: figure.cumulativeNumerator,
      cumulativeDenominator: figure.cumulativeDenominator,
      lateCorrection,
    });
    for (const cell of figure.cells) {
      em.create(IndicatorSnapshot, {
        project,
        period,
        indicator,
        dimension: cell.dimension,
        cellKey: cell.key,
        periodCount: cell.period,
        cumulativeCount: cell.cumulative,
      });
    }
    for (const c of corrections) {
      em.create(IndicatorCorrection, {
        project,
        reportedIn: period,
        correctedPeriod: c.periodId,
        indicator,
        reportedValue: c.reported.value,
        correctedValue: c.corrected.value,
        difference: c.difference,
        reportedPersons: c.reported.persons,
        correctedPersons: c.corrected.persons,
        reportedNumerator: c.reported.numerator,
        correctedNumerator: c.corrected.numerator,
        reportedDenominator: c.reported.denominator,
        correctedDenominator: c.corrected.denominator,
      });
    }
  }
}

/** A frozen late correction: which period reported it, which it corrected, for which indicator. */
export interface FrozenCorrection extends LateCorrection {
  reportedInId: string;
  indicatorId: string;
}

/** Every late correction frozen with the project's locked periods. */
export async function readCorrections(
  em: EntityManager,
  project: Project,
  periods: readonly ReportingPeriod[],
): Promise<FrozenCorrection[]> {
  const rows = await em.find(IndicatorCorrection, { project });
  const byId = new Map(periods.map((p) => [p.id, p]));
  return rows.flatMap((r) => {
    const period = byId.get(r.correctedPeriod.id);
    if (!period) return [];
    const int = (v: number | null | undefined) => v ?? null;
    return [
      {
        reportedInId: r.reportedIn.id,
        indicatorId: r.indicator.id,
        periodId: period.id,
        periodFrom: period.periodFrom,
        periodTo: period.periodTo,
        reported: {
          value: r.reportedValue,
          persons: int(r.reportedPersons),
          numerator: int(r.reportedNumerator),
          denominator: int(r.reportedDenominator),
        },
        corrected: {
          value: r.correctedValue,
          persons: int(r.correctedPersons),
          numerator: int(r.correctedNumerator),
          denominator: int(r.correctedDenominator),
        },
        difference: r.difference,
      },
    ];
  });
}

/** The frozen figures of locked periods, by period id and indicator id. */
export async function readSnapshots(
  em: EntityManager,
  project: Project,
  periodIds: string[],
): Promise<Map<string, Map<string, ReportedFigure>>> {
  const result = new Map<string, Map<string, ReportedFigure>>(periodIds.map((id) => [id, new Map()]));
  if (!periodIds.length) return result;
  // Plain rows, not entities: a locked year holds several hundred cells.
  const rows = await em
    .createQueryBuilder(IndicatorSnapshot)
    .select([
      'period',
      'indicator',
      'dimension',
      'cellKey',
      'periodValue',
      'cumulativeValue',
      'periodCount',
      'cumulativeCount',
      'numerator',
      'denominator',
      'cumulativeNumerator',
      'cumulativeDenominator',
      'lateCorrection',
    ])
    .where({ project, period: { $in: periodIds } })
    .execute<SnapshotRow[]>('all', true);
  const decimal = (v: unknown) => (v === null || v === undefined ? null : new Decimal(v as string));
  const totals = rows.filter((r) => r.dimension === TOTAL);
  for (const t of totals) {
    result.get(idOf(t.period))!.set(idOf(t.indicator), {
      figure: {
        periodValue: decimal(t.periodValue) ?? new Decimal(0),
        cumulativeValue: decimal(t.cumulativeValue) ?? new Decimal(0),
        periodPersons: t.periodCount ?? null,
        cumulativePersons: t.cumulativeCount ?? null,
        numerator: t.numerator ?? null,
        denominator: t.denominator ?? null,
        cumulativeNumerator: t.cumulativeNumerator ?? null,
        cumulativeDenominator: t.cumulativeDenominator ?? null,
        cells: [],
      },
      lateCorrection: decimal(t.lateCorrection),
      corrections: [],
      corrected: null,
    });
  }
  // Rows come back in uuid order; the cells are put back into report order below.
  for (const r of rows) {
    if (r.dimension === TOTAL) continue;
    result
      .get(idOf(r.period))
      ?.get(idOf(r.indicator))
      ?.figure.cells.push({
        dimension: r.dimension as Disaggregation,
        key: r.cellKey,
        period: r.periodCount ?? 0,
        cumulative: r.cumulativeCount ?? 0,
      });
  }
  for (const figures of result.values()) for (const { figure } of figures.values()) figure.cells.sort(cellOrder);
  return result;
}

const DIMENSION_ORDER = Object.values(Disaggregation);
const KEY_ORDER = ['FEMALE', 'MALE', 'DIVERSE', 'UNDER_30', 'FROM_30_TO_54', 'FROM_55', 'ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8', 'UNKNOWN'];

function cellOrder(a: { dimension: Disaggregation; key: string }, b: { dimension: Disaggregation; key: string }): number {
  const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);
  return (
    DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) || rank(a.key) - rank(b.key) || a.key.localeCompare(b.key)
  );
}
