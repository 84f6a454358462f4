import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PercentScalar } from '../../common/money/percent.scalar.js';
import { FinancingType, ProjectStatus } from '../programs.enums.js';

@InputType()
export class CreateProjectInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => String, { description: 'Aktenzeichen; unique within the programme.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  fileNumber: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  grantee: string;

  @Field(() => LocalDateScalar)
  approvalStart: LocalDate;

  @Field(() => LocalDateScalar)
  approvalEnd: LocalDate;

  @Field(() => DecimalScalar)
  approvedTotal: Decimal;

  @Field(() => FinancingType)
  @IsEnum(FinancingType)
  financingType: FinancingType;

  @Field(() => PercentScalar, { description: 'Funding rate in percent, above 0 and at most 100; 100 for full financing.' })
  fundingRate: Decimal;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  fileNumber?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  grantee?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  approvalStart?: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true })
  approvalEnd?: LocalDate;

  @Field(() => DecimalScalar, { nullable: true })
  approvedTotal?: Decimal;

  @Field(() => FinancingType, { nullable: true })
  @IsOptional()
  @IsEnum(FinancingType)
  financingType?: FinancingType;

  @Field(() => PercentScalar, { nullable: true })
  fundingRate?: Decimal;

  @Field(() => ProjectStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProjectStatus)
  status?: ProjectStatus;
}
