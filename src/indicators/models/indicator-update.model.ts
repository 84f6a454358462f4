import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { IndicatorUpdateStatus } from '../indicators.enums.js';

@ObjectType('IndicatorUpdate', { description: 'A manual actual of a MANUAL indicator; counts only when APPROVED.' })
export class IndicatorUpdateModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => ID)
  indicatorId: string;

  @Field(() => LocalDateScalar)
  periodFrom: LocalDate;

  @Field(() => LocalDateScalar, { description: 'The update counts in the report period containing this date.' })
  periodTo: LocalDate;

  @Field(() => DecimalScalar)
  value: Decimal;

  @Field(() => Int, { nullable: true })
  numerator: number | null;

  @Field(() => Int, { nullable: true })
  denominator: number | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => IndicatorUpdateStatus)
  status: IndicatorUpdateStatus;

  @Field(() => String, { nullable: true, description: "The approver's comment (always given when returned)." })
  decisionComment: string | null;

  @Field(() => ID)
  createdBy: string;

  @Field(() => ID, { nullable: true })
  submittedBy: string | null;

  @Field(() => ID, { nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}
