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

  @Field(() => DecimalScalar, { nullable: true, description: 'Etappenziel: the year\'s milestone when the period lies in one year, else the whole-period one.' })
  milestone: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Zielwert of the year when the period lies in one fiscal year.' })
  yearTarget: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Zielwert at the end of the approval period.' })
  target: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Ist im Berichtszeitraum; null when suppressed.' })
  periodActual: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Ist kumuliert (from the start of the approval period); null when suppressed.' })
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

  @Field(() => DecimalScalar, { nullable: true, description: 'The cumulative actual projected linearly to the end of the approval period.' })
  projectedActual: Decimal | null;

  @Field(() => PercentScalar, { nullable: true, description: 'Projected attainment at the end of the programme.' })
  projectedAttainmentPercent: Decimal | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Late corrections: changes to earlier locked periods\' figures since they were locked, reported here (the first open period after them).',
  })
  lateCorrection: Decimal | null;

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

  @Field(() => Int, { description: 'The programme\'s smallest cell shown to analysts.' })
  minCellSize: number;

  @Field(() => [IndicatorReportRowModel])
  rows: IndicatorReportRowModel[];
}
