import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import type { Project } from '../programs/entities/project.entity.js';
import type { IndicatorDefinition } from './entities/indicator-definition.entity.js';
import { IndicatorSnapshot } from './entities/indicator-snapshot.entity.js';
import type { ReportingPeriod } from './entities/reporting-period.entity.js';
import type { Figure } from './indicator-figures.js';
import { idOf } from './indicator-inputs.js';
import { Disaggregation } from './indicators.enums.js';

/** A figure together with the late corrections reported alongside it. */
export interface ReportedFigure {
  figure: Figure;
  lateCorrection: Decimal | null;
}

const TOTAL = 'TOTAL';

type SnapshotRow = Omit<IndicatorSnapshot, 'period' | 'indicator' | 'project' | 'id'> & { period: unknown; indicator: unknown };

/** Writes the frozen figures of a period being locked: one TOTAL row per indicator plus one row per cell. */
export function writeSnapshot(em: EntityManager, project: Project, period: ReportingPeriod, definitions: IndicatorDefinition[], figures: Map<string, ReportedFigure>): void {
  for (const indicator of definitions) {
    const reported = figures.get(indicator.id);
    if (!reported) continue;
    const { figure, lateCorrection } = reported;
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
      em.create(IndicatorSnapshot, { project, period, indicator, dimension: cell.dimension, cellKey: cell.key, periodCount: cell.period, cumulativeCount: cell.cumulative });
    }
  }
}

/** The frozen figures of locked periods, by period id and indicator id. */
export async function readSnapshots(em: EntityManager, project: Project, periodIds: string[]): Promise<Map<string, Map<string, ReportedFigure>>> {
  const result = new Map<string, Map<string, ReportedFigure>>(periodIds.map((id) => [id, new Map()]));
  if (!periodIds.length) return result;
  // Plain rows, not entities: a locked year holds several hundred cells.
  const rows = await em
    .createQueryBuilder(IndicatorSnapshot)
    .select(['period', 'indicator', 'dimension', 'cellKey', 'periodValue', 'cumulativeValue', 'periodCount', 'cumulativeCount', 'numerator', 'denominator', 'cumulativeNumerator', 'cumulativeDenominator', 'lateCorrection'])
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
    });
  }
  // Rows come back in uuid order; the cells are put back into report order below.
  for (const r of rows) {
    if (r.dimension === TOTAL) continue;
    result.get(idOf(r.period))?.get(idOf(r.indicator))?.figure.cells.push({ dimension: r.dimension as Disaggregation, key: r.cellKey, period: r.periodCount ?? 0, cumulative: r.cumulativeCount ?? 0 });
  }
  for (const figures of result.values()) for (const { figure } of figures.values()) figure.cells.sort(cellOrder);
  return result;
}

const DIMENSION_ORDER = Object.values(Disaggregation);
const KEY_ORDER = ['FEMALE', 'MALE', 'DIVERSE', 'UNDER_30', 'FROM_30_TO_54', 'FROM_55', 'ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8', 'UNKNOWN'];

function cellOrder(a: { dimension: Disaggregation; key: string }, b: { dimension: Disaggregation; key: string }): number {
  const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);
  return DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) || rank(a.key) - rank(b.key) || a.key.localeCompare(b.key);
}
