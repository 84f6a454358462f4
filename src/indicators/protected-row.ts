import { Decimal } from 'decimal.js';

import { type CellNamer, publish } from '../privacy/disclosure-control.js';
import { type Figure, percentOf } from './indicator-figures.js';
import { buildReportRow, type RowContext, type RowTargets } from './indicator-report.builder.js';
import { IndicatorUnit } from './indicators.enums.js';
import type { IndicatorCellModel, IndicatorReportRowModel } from './models/indicator-report.model.js';
import type { IndicatorDefinitionModel } from './models/indicator-definition.model.js';

/** Counting rules whose figures describe special-category data (GDPR Art. 9: health, disability). */
export const SPECIAL_CATEGORY_RULES: readonly string[] = ['WITH_DISABILITY'];

export const isSpecialCategory = (def: IndicatorDefinitionModel) => !!def.rule && SPECIAL_CATEGORY_RULES.includes(def.rule);

/** Cell keys of one indicator: the period's cells and the cumulative cells (their own bounds). */
export interface Perturbation {
  threshold: number;
  period: CellNamer;
  cumulative: CellNamer;
}

/**
 * An analyst's row (disclosure-control.ts): every person count perturbed by its cell key and
 * withheld below the threshold, the total and each breakdown cell on its own key, shares from the
 * perturbed numerator and denominator; late corrections are left out (they are differences of
 * locked figures). Amounts in euro describe no person and stay exact.
 */
export function perturbedRow(
  def: IndicatorDefinitionModel,
  figure: Figure,
  targets: RowTargets,
  ctx: RowContext,
  p: Perturbation,
): IndicatorReportRowModel {
  const exact = buildReportRow(def, figure, null, targets, { ...ctx, suppressBelow: null });
  if (def.unit === IndicatorUnit.EUR) return { ...exact, lateCorrection: null, lateCorrections: [], corrected: null };
  const show = (namer: CellNamer, cell: string, count: number | null) =>
    count === null ? null : publish(count, namer(cell, count), p.threshold);
  const percent = def.unit === IndicatorUnit.PERCENT;
  const periodNumerator = show(p.period, 'NUMERATOR', percent ? figure.numerator : figure.periodPersons);
  const periodDenominator = percent ? show(p.period, 'DENOMINATOR', figure.denominator) : null;
  const cumulativeNumerator = show(p.cumulative, 'NUMERATOR', percent ? figure.cumulativeNumerator : figure.cumulativePersons);
  const cumulativeDenominator = percent ? show(p.cumulative, 'DENOMINATOR', figure.cumulativeDenominator) : null;
  const valueOf = (n: number | null, d: number | null) =>
    n === null ? null : percent ? (d === null ? null : percentOf(n, d)) : new Decimal(n);
  const periodActual = valueOf(periodNumerator, periodDenominator);
  const cumulativeActual = valueOf(cumulativeNumerator, cumulativeDenominator);
  const shifted =
    cumulativeActual === null
      ? null
      : buildReportRow(def, { ...figure, cumulativeValue: cumulativeActual }, null, targets, { ...ctx, suppressBelow: null });
  const cells = (list: IndicatorCellModel[], namer: CellNamer, dimension: string): IndicatorCellModel[] =>
    list.map((c) => {
      const count = show(namer, `${dimension}:${c.key}`, c.count);
      return { key: c.key, count, suppressed: count === null };
    });
  const disaggregations = exact.disaggregations.map((d) => ({
    dimension: d.dimension,
    period: cells(d.period, p.period, d.dimension),
    cumulative: cells(d.cumulative, p.cumulative, d.dimension),
  }));
  return {
    ...exact,
    periodActual,
    numerator: percent ? periodNumerator : null,
    denominator: percent ? periodDenominator : null,
    cumulativeActual,
    cumulativeNumerator: percent ? cumulativeNumerator : null,
    cumulativeDenominator: percent ? cumulativeDenominator : null,
    attainmentPercent: shifted?.attainmentPercent ?? null,
    projectedActual: shifted?.projectedActual ?? null,
    projectedAttainmentPercent: shifted?.projectedAttainmentPercent ?? null,
    lateCorrection: null,
    lateCorrections: [],
    corrected: null,
    disaggregations,
    suppressed:
      periodActual === null ||
      cumulativeActual === null ||
      disaggregations.some((d) => [...d.period, ...d.cumulative].some((c) => c.suppressed)),
  };
}

/**
 * Special-category indicators (disability) for every reader but the project's case workers: only
 * for a whole year (period and cumulative figures ending on a year end) and only when at least
 * `threshold` persons are counted (0 included); late corrections and recounts are left out, since
 * they are differences of such figures.
 */
export function specialCategoryRow(
  row: IndicatorReportRowModel,
  allowed: { period: boolean; cumulative: boolean },
  threshold: number,
): IndicatorReportRowModel {
  const count = (v: Decimal | number | null) => (v === null ? null : Number(v));
  const ok = (v: Decimal | number | null) => v !== null && count(v)! >= threshold;
  const periodShown = allowed.period && ok(row.numerator ?? row.periodActual) && (row.denominator === null || ok(row.denominator));
  const cumulativeShown =
    allowed.cumulative &&
    ok(row.cumulativeNumerator ?? row.cumulativeActual) &&
    (row.cumulativeDenominator === null || ok(row.cumulativeDenominator));
  const cells = (list: IndicatorCellModel[], shown: boolean) =>
    list.map((c) => (shown && ok(c.count) ? c : { key: c.key, count: null, suppressed: true }));
  const disaggregations = row.disaggregations.map((d) => ({
    ...d,
    period: cells(d.period, periodShown),
    cumulative: cells(d.cumulative, cumulativeShown),
  }));
  return {
    ...row,
    periodActual: periodShown ? row.periodActual : null,
    numerator: periodShown ? row.numerator : null,
    denominator: periodShown ? row.denominator : null,
    cumulativeActual: cumulativeShown ? row.cumulativeActual : null,
    cumulativeNumerator: cumulativeShown ? row.cumulativeNumerator : null,
    cumulativeDenominator: cumulativeShown ? row.cumulativeDenominator : null,
    attainmentPercent: cumulativeShown ? row.attainmentPercent : null,
    projectedActual: cumulativeShown ? row.projectedActual : null,
    projectedAttainmentPercent: cumulativeShown ? row.projectedAttainmentPercent : null,
    lateCorrection: null,
    lateCorrections: [],
    corrected: null,
    disaggregations,
    suppressed: !periodShown || !cumulativeShown || disaggregations.some((d) => [...d.period, ...d.cumulative].some((c) => c.suppressed)),
  };
}
