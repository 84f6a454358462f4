import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PercentScalar } from '../../common/money/percent.scalar.js';
import { ActualSource, Disaggregation, IndicatorKind, IndicatorUnit } from '../indicators.enums.js';

@ObjectType('IndicatorCell', { description: 'Persons in one cell of a breakdown; null and suppressed when too few to show.' })
export class IndicatorCellModel {
  @Field(() => String, { description: 'FEMALE, UNDER_30, ISCED_3_4, WOMEN_REENTRY …' })
  key: string;

  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('IndicatorBreakdown', { description: 'One disaggregation of an indicator, for the period and cumulatively.' })
export class IndicatorBreakdownModel {
  @Field(() => Disaggregation)
  dimension: Disaggregation;

  @Field(() => [IndicatorCellModel])
  period: IndicatorCellModel[];

  @Field(() => [IndicatorCellModel])
  cumulative: IndicatorCellModel[];
}

@ObjectType('IndicatorLateCorrection', {
  description:
    "Nachkorrektur: an earlier locked period's figure as last reported and as the data give it now (for shares with numerator and denominator). Null fields are suppressed for you.",
})
export class IndicatorLateCorrectionModel {
  @Field(() => ID)
  reportingPeriodId: string;

  @Field(() => LocalDateScalar)
  periodFrom: LocalDate;

  @Field(() => LocalDateScalar)
  periodTo: LocalDate;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The figure last reported for that period (its locked figure, or an earlier correction of it).',
  })
  reportedActual: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The figure for that period from the data now.' })
  correctedActual: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'correctedActual − reportedActual (percentage points for shares).' })
  difference: Decimal | null;

  @Field(() => Int, { nullable: true })
  reportedNumerator: number | null;

  @Field(() => Int, { nullable: true })
  correctedNumerator: number | null;

  @Field(() => Int, { nullable: true })
  reportedDenominator: number | null;

  @Field(() => Int, { nullable: true })
  correctedDenominator: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('IndicatorCorrectedFigure', {
  description: "A locked period's figure recomputed from the data now, shown next to the frozen one.",
})
export class IndicatorCorrectedFigureModel {
  @Field(() => DecimalScalar, { nullable: true })
  actual: Decimal | null;

  @Field(() => Int, { nullable: true })
  numerator: number | null;

  @Field(() => Int, { nullable: true })
  denominator: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'actual − the locked periodActual (percentage points for shares).' })
  difference: Decimal | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('IndicatorReportRow', { description: 'One line of the Indikatorenbericht.' })
export class IndicatorReportRowModel {
  @Field(() => ID)
  indicatorId: string;

  @Field(() => String, { description: 'Indikator-Code.' })
  code: string;

  @Field(() => String, { description: 'Bezeichnung.' })
  name: string;

  @Field(() => IndicatorUnit, { description: 'Einheit.' })
  unit: IndicatorUnit;

  @Field(() => IndicatorKind)
  kind: IndicatorKind;

  @Field(() => ActualSource)
  source: ActualSource;

  @Field(() => DecimalScalar, { nullable: true, description: 'Ausgangswert.' })
  baseline: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Etappenziel: the year's milestone when the period lies in one year, else the whole-period one.",
  })
  milestone: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Zielwert of the year when the period lies in one fiscal year.' })
  yearTarget: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Zielwert at the end of the approval period.' })
  target: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Ist im Berichtszeitraum; null when suppressed.' })
  periodActual: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Ist kumuliert (from the start of the approval period); null when suppressed.',
  })
  cumulativeActual: Decimal | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT: persons counted (period).' })
  numerator: number | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT: persons it is a share of (period).' })
  denominator: number | null;

  @Field(() => Int, { nullable: true })
  cumulativeNumerator: number | null;

  @Field(() => Int, { nullable: true })
  cumulativeDenominator: number | null;

  @Field(() => PercentScalar, { nullable: true, description: 'Zielerreichung %: cumulative actual against the final target.' })
  attainmentPercent: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The cumulative actual projected linearly to the end of the approval period.',
  })
  projectedActual: Decimal | null;

  @Field(() => PercentScalar, { nullable: true, description: 'Projected attainment at the end of the programme.' })
  projectedAttainmentPercent: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Late corrections: the sum of the changes to earlier locked periods' figures not reported before, shown in the first open period after them (for shares in percentage points; see lateCorrections).",
  })
  lateCorrection: Decimal | null;

  @Field(() => [IndicatorLateCorrectionModel], {
    description:
      "Each earlier locked period's change: in the first open period those not reported before; in a locked period those it reported.",
  })
  lateCorrections: IndicatorLateCorrectionModel[];

  @Field(() => IndicatorCorrectedFigureModel, {
    nullable: true,
    description:
      'For a locked period: its figure from the data now, when that differs from the locked figure (the report recounts the period only when this field is asked for).',
  })
  corrected: IndicatorCorrectedFigureModel | null;

  @Field(() => Boolean, { description: 'Whether any figure of this row was suppressed for you.' })
  suppressed: boolean;

  @Field(() => [IndicatorBreakdownModel])
  disaggregations: IndicatorBreakdownModel[];

  @Field(() => String, { description: 'Datenquelle.' })
  dataSource: string;

  @Field(() => String, { nullable: true, description: 'Anmerkung.' })
  remark: string | null;
}

@ObjectType('IndicatorReport', { description: 'Indikatorenbericht of one project for one period.' })
export class IndicatorReportModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => LocalDateScalar)
  periodFrom: LocalDate;

  @Field(() => LocalDateScalar)
  periodTo: LocalDate;

  @Field(() => ID, { nullable: true, description: 'The reporting period, when the requested period is one.' })
  reportingPeriodId: string | null;

  @Field(() => Boolean, { description: 'Figures come from the frozen snapshot of a locked period.' })
  locked: boolean;

  @Field(() => Boolean, { description: 'Small cells are suppressed in this view (analysts).' })
  suppressionApplied: boolean;

  @Field(() => Int, { description: "The programme's smallest cell shown to analysts." })
  minCellSize: number;

  @Field(() => [IndicatorReportRowModel])
  rows: IndicatorReportRowModel[];
}
