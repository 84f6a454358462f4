import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import { DecimalScalar } from '../../common/money/decimal.scalar.js';

@ObjectType('IndicatorYearTarget', { description: 'Milestone and target of one fiscal year.' })
export class IndicatorYearTargetModel {
  @Field(() => Int)
  year: number;

  @Field(() => DecimalScalar, { nullable: true })
  milestone: Decimal | null;

  @Field(() => DecimalScalar)
  target: Decimal;
}

@ObjectType('IndicatorTargets', { description: 'Soll-Werte of one indicator for one project: whole period and per year.' })
export class IndicatorTargetsModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => ID)
  indicatorId: string;

  @Field(() => String)
  code: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Ausgangswert.' })
  baseline: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Etappenziel for the whole period (mid-term).' })
  milestone: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Zielwert at the end of the approval period.' })
  target: Decimal | null;

  @Field(() => [IndicatorYearTargetModel])
  years: IndicatorYearTargetModel[];
}
