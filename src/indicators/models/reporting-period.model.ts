import { Field, ID, ObjectType } from '@nestjs/graphql';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { ReportingPeriodStatus } from '../indicators.enums.js';

@ObjectType('ReportingPeriod', { description: 'Berichtszeitraum; once LOCKED its indicator figures are frozen.' })
export class ReportingPeriodModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => String)
  label: string;

  @Field(() => LocalDateScalar)
  periodFrom: LocalDate;

  @Field(() => LocalDateScalar)
  periodTo: LocalDate;

  @Field(() => ReportingPeriodStatus)
  status: ReportingPeriodStatus;

  @Field(() => ID, { nullable: true })
  lockedBy: string | null;

  @Field(() => Date, { nullable: true })
  lockedAt: Date | null;
}
