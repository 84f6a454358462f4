import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';

@ArgsType()
export class BudgetPlanArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Int, { nullable: true, description: 'Read this revision; without it and without asOf, the latest.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  revision?: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Read the revision in force on this date.' })
  asOf?: LocalDate;
}

@ArgsType()
export class BudgetOverviewArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Plan in force and clock for burn rate, forecast and lapsing; default today.',
  })
  asOf?: LocalDate;
}

@ArgsType()
export class ProgramOverviewArgs {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today.' })
  asOf?: LocalDate;
}
