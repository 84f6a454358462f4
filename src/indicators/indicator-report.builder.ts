import { type Decimal } from 'decimal.js';

import { type Cell, suppressPartition } from './suppression.js';
import type { Figure, FigureCell } from './indicator-figures.js';
import { percentOf, projectToEnd } from './indicator-figures.js';
import { type Disaggregation, IndicatorUnit } from './indicators.enums.js';
import type { FigureTotals, LateCorrection, ReportedFigure } from './indicator-snapshots.js';
import type {
  IndicatorBreakdownModel,
  IndicatorCellModel,
  IndicatorCorrectedFigureModel,
  IndicatorLateCorrectionModel,
  IndicatorReportRowModel,
} from './models/indicator-report.model.js';
import type { IndicatorDefinitionModel } from './models/indicator-definition.model.js';

export interface RowTargets {
  baseline: Decimal | null;
  milestone: Decimal | null;
  target: Decimal | null;
  yearMilestone: Decimal | null;
  yearTarget: Decimal | null;
}

export interface RowContext {
  elapsedDays: number;
  totalDays: number;
  /** The programme's threshold when the reader sees suppressed figures; null for unsuppressed readers. */
  suppressBelow: number | null;
}

/**
 * One line of the Indikatorenbericht from an indicator's unsuppressed figures. For a reader who
 * gets suppressed figures, every number that would describe fewer persons than the threshold is
 * withheld, and so is everything it could be recovered from: attainment and projection derive
 * from the cumulative actual, and a breakdown with one small cell loses a complementary one
 * (suppression.ts).
 */
export function buildReportRow(
  def: IndicatorDefinitionModel,
  figure: Figure,
  lateCorrection: Decimal | null,
  targets: RowTargets,
  ctx: RowContext,
  reported: Pick<ReportedFigure, 'corrections' | 'corrected'> = { corrections: [], corrected: null },
): IndicatorReportRowModel {
  const threshold = ctx.suppressBelow;
  const small = (persons: number | null) => threshold !== null && persons !== null && persons > 0 && persons < threshold;
  const personsBased = def.unit !== IndicatorUnit.EUR;
  const periodHidden = personsBased && (small(figure.periodPersons) || small(figure.denominator));
  const cumulativeHidden = personsBased && (small(figure.cumulativePersons) || small(figure.cumulativeDenominator));
  const correctionHidden = personsBased && lateCorrection !== null && small(lateCorrection.abs().toNumber());

  const cumulativeActual = cumulativeHidden ? null : figure.cumulativeValue;
  const projected = cumulativeActual === null ? null : projectToEnd(cumulativeActual, def.cumulative, ctx.elapsedDays, ctx.totalDays);
  const share = (value: Decimal | null) =>
    value === null || !targets.target || targets.target.isZero() ? null : percentOf(value, targets.target);
  const disaggregations = breakdowns(def.disaggregations, figure, threshold);
  const lateCorrections = reported.corrections.map((c) => correctionRow(c, personsBased, small));
  const corrected = reported.corrected ? correctedFigure(reported.corrected, figure, personsBased, small) : null;

  return {
    indicatorId: def.id,
    code: def.code,
    name: def.name,
    unit: def.unit,
    kind: def.kind,
    source: def.source,
    baseline: targets.baseline,
    milestone: targets.yearMilestone ?? targets.milestone,
    yearTarget: targets.yearTarget,
    target: targets.target,
    periodActual: periodHidden ? null : figure.periodValue,
    cumulativeActual,
    numerator: periodHidden ? null : figure.numerator,
    denominator: periodHidden ? null : figure.denominator,
    cumulativeNumerator: cumulativeHidden ? null : figure.cumulativeNumerator,
    cumulativeDenominator: cumulativeHidden ? null : figure.cumulativeDenominator,
    attainmentPercent: share(cumulativeActual),
    projectedActual: projected,
    projectedAttainmentPercent: share(projected),
    lateCorrection: correctionHidden || lateCorrections.some((c) => c.suppressed) ? null : lateCorrection,
    lateCorrections,
    corrected,
    suppressed:
      periodHidden ||
      cumulativeHidden ||
      correctionHidden ||
      lateCorrections.some((c) => c.suppressed) ||
      !!corrected?.suppressed ||
      disaggregations.some((d) => [...d.period, ...d.cumulative].some((c) => c.suppressed)),
    disaggregations,
    dataSource: def.dataSource,
    remark: remarkFor(def, lateCorrection),
  };
}

type Small = (persons: number | null) => boolean;

/** Totals with every number withheld that describes too few persons (for suppressed readers), as the row's own figures are. */
function shownTotals(
  t: FigureTotals,
  personsBased: boolean,
  small: Small,
): { value: Decimal | null; numerator: number | null; denominator: number | null; hidden: boolean } {
  const hidden = personsBased && (small(t.persons) || small(t.denominator));
  return { value: hidden ? null : t.value, numerator: hidden ? null : t.numerator, denominator: hidden ? null : t.denominator, hidden };
}

/** A difference is withheld with either side, and when it describes too few persons itself. */
function differenceHidden(a: FigureTotals, b: FigureTotals, personsBased: boolean, small: Small): boolean {
  const persons = a.persons !== null && b.persons !== null ? Math.abs(a.persons - b.persons) : null;
  return personsBased && small(persons);
}

function correctionRow(c: LateCorrection, personsBased: boolean, small: Small): IndicatorLateCorrectionModel {
  const reported = shownTotals(c.reported, personsBased, small);
  const corrected = shownTotals(c.corrected, personsBased, small);
  const hidden = reported.hidden || corrected.hidden || differenceHidden(c.reported, c.corrected, personsBased, small);
  return {
    reportingPeriodId: c.periodId,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    reportedActual: hidden ? null : reported.value,
    correctedActual: hidden ? null : corrected.value,
    difference: hidden ? null : c.difference,
    reportedNumerator: hidden ? null : reported.numerator,
    correctedNumerator: hidden ? null : corrected.numerator,
    reportedDenominator: hidden ? null : reported.denominator,
    correctedDenominator: hidden ? null : corrected.denominator,
    suppressed: hidden,
  };
}

function correctedFigure(
  now: FigureTotals & { difference: Decimal },
  locked: Figure,
  personsBased: boolean,
  small: Small,
): IndicatorCorrectedFigureModel {
  const lockedTotals: FigureTotals = {
    value: locked.periodValue,
    persons: locked.periodPersons,
    numerator: locked.numerator,
    denominator: locked.denominator,
  };
  const shown = shownTotals(now, personsBased, small);
  const hidden =
    shown.hidden || shownTotals(lockedTotals, personsBased, small).hidden || differenceHidden(lockedTotals, now, personsBased, small);
  return {
    actual: hidden ? null : shown.value,
    numerator: hidden ? null : shown.numerator,
    denominator: hidden ? null : shown.denominator,
    difference: hidden ? null : now.difference,
    suppressed: hidden,
  };
}

function breakdowns(dimensions: Disaggregation[], figure: Figure, threshold: number | null): IndicatorBreakdownModel[] {
  return dimensions.map((dimension) => {
    const cells = figure.cells.filter((c) => c.dimension === dimension);
    return {
      dimension,
      period: partition(cells, (c) => c.period, figure.periodPersons, threshold),
      cumulative: partition(cells, (c) => c.cumulative, figure.cumulativePersons, threshold),
    };
  });
}

function partition(
  cells: FigureCell[],
  count: (c: FigureCell) => number,
  total: number | null,
  threshold: number | null,
): IndicatorCellModel[] {
  const plain: Cell[] = cells.map((c) => ({ key: c.key, count: count(c) }));
  if (threshold === null) return plain.map((c) => ({ key: c.key, count: c.count, suppressed: false }));
  const sum = total ?? plain.reduce((acc, c) => acc + c.count, 0);
  return suppressPartition(sum, plain, threshold).cells;
}

function remarkFor(def: IndicatorDefinitionModel, lateCorrection: Decimal | null): string | null {
  const notes: string[] = [];
  if (def.unit === IndicatorUnit.PERCENT) notes.push('Anteil in Prozent; Zähler und Nenner angegeben.');
  if (lateCorrection !== null && !lateCorrection.isZero())
    notes.push('Enthält Nachmeldungen zu bereits abgeschlossenen Berichtszeiträumen (Spalte Nachkorrektur).');
  return notes.length ? notes.join(' ') : null;
}
