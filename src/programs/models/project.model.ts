import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PercentScalar } from '../../common/money/percent.scalar.js';
import { FinancingType, ProjectStatus } from '../programs.enums.js';

@ObjectType('Project', { description: "Projekt / Zuwendungsbescheid: one grantee's funded project." })
export class ProjectModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  programId: string;

  @Field(() => String, { description: 'Aktenzeichen of the grant decision; unique within the programme.' })
  fileNumber: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'The grantee organisation (Zuwendungsempfänger).' })
  grantee: string;

  @Field(() => LocalDateScalar, { description: 'First day of the approval period (Bewilligungszeitraum).' })
  approvalStart: LocalDate;

  @Field(() => LocalDateScalar, { description: 'Last day of the approval period, inclusive.' })
  approvalEnd: LocalDate;

  @Field(() => DecimalScalar, { description: 'Approved grant total in EUR.' })
  approvedTotal: Decimal;

  @Field(() => FinancingType)
  financingType: FinancingType;

  @Field(() => PercentScalar, { description: 'Share of eligible spending the grant covers.' })
  fundingRate: Decimal;

  @Field(() => ProjectStatus)
  status: ProjectStatus;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}
