import { Field, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Decimal } from 'decimal.js';

import { PercentScalar } from '../../common/money/percent.scalar.js';
import { FinancingType } from '../programs.enums.js';

@InputType()
export class ProgramRulesInput {
  @Field(() => Int, { description: 'Days after payout within which drawn funds must be spent (default practice: 42).' })
  @IsInt()
  @Min(1)
  @Max(365)
  drawdownHorizonDays: number;

  @Field(() => PercentScalar, { description: 'Allowed overrun of one cost line, in percent (default practice: 20).' })
  lineOverrunPercent: Decimal;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(12)
  interimProofDueMonth: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(31)
  interimProofDueDay: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(60)
  finalProofDueMonths: number;

  @Field(() => [FinancingType])
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(FinancingType, { each: true })
  allowedFinancingTypes: FinancingType[];
}

@InputType()
export class UpdateProgramRulesInput extends PartialType(ProgramRulesInput) {}

@InputType()
export class CreateFundingProgramInput {
  @Field(() => String, { description: 'Short code, capitals, digits and dashes (e.g. "MODELL-SGB2-FRAUEN").' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { message: 'code must be 2–40 capitals, digits, dashes or underscores' })
  code: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  legalBasis: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  grantor: string;

  @Field(() => ProgramRulesInput)
  @ValidateNested()
  @Type(() => ProgramRulesInput)
  rules: ProgramRulesInput;
}

@InputType()
export class UpdateFundingProgramInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  legalBasis?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  grantor?: string;

  @Field(() => UpdateProgramRulesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateProgramRulesInput)
  rules?: UpdateProgramRulesInput;
}
