import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';

@ArgsType()
export class DrawdownsArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day for which use, overdue state and interest are computed (default today).',
  })
  asOf?: LocalDate;
}

@ArgsType()
export class DrawdownArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day for which use, overdue state and interest are computed (default today).',
  })
  asOf?: LocalDate;
}

@ArgsType()
export class DrawdownRoomArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;
}
