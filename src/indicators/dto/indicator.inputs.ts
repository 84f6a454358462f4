import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { ActualSource, Disaggregation, IndicatorKind, IndicatorUnit } from '../indicators.enums.js';

@InputType()
export class IndicatorYearTargetInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => DecimalScalar, { nullable: true })
  milestone?: Decimal | null;

  @Field(() => DecimalScalar)
  target: Decimal;
}

/** The whole set of targets of one indicator for one project; replaces what was there. */
@InputType()
export class SetIndicatorTargetsInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ID)
  @IsUUID()
  indicatorId: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Ausgangswert.' })
  baseline?: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Etappenziel for the whole period.' })
  milestone?: Decimal | null;

  @Field(() => DecimalScalar, { description: 'Zielwert at the end of the approval period.' })
  target: Decimal;

  @Field(() => [IndicatorYearTargetInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorYearTargetInput)
  years: IndicatorYearTargetInput[] = [];
}

@InputType()
export class IndicatorUpdateInput {
  @Field(() => LocalDateScalar)
  periodFrom: LocalDate;

  @Field(() => LocalDateScalar)
  periodTo: LocalDate;

  @Field(() => DecimalScalar, { description: "The value in the indicator's unit (persons, percent or EUR)." })
  value: Decimal;

  @Field(() => Int, { nullable: true, description: 'PERCENT: persons counted.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  numerator?: number | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT: persons it is a share of.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  denominator?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class CreateIndicatorUpdateInput extends IndicatorUpdateInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ID)
  @IsUUID()
  indicatorId: string;
}

@InputType()
export class ReturnIndicatorUpdateInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { description: 'Why it goes back; shown to the person who entered it.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

@InputType()
export class CreateReportingPeriodInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => String, { description: 'e.g. "Berichtsjahr 2024".' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  label: string;

  @Field(() => LocalDateScalar)
  periodFrom: LocalDate;

  @Field(() => LocalDateScalar)
  periodTo: LocalDate;
}

@InputType()
export class ReportPeriodInput {
  @Field(() => LocalDateScalar)
  from: LocalDate;

  @Field(() => LocalDateScalar)
  to: LocalDate;
}

@ArgsType()
export class IndicatorReportArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ReportPeriodInput)
  @ValidateNested()
  @Type(() => ReportPeriodInput)
  period: ReportPeriodInput;
}

@InputType()
export class SetIndicatorSettingsInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => Int, {
    description:
      'Smallest cell shown to analysts (default 5). The same threshold as ParticipantRules.minCellSize: setting it here changes it there; the programme needs participant rules first.',
  })
  @IsInt()
  @Min(1)
  @Max(100)
  minCellSize: number;
}

@InputType()
export class CreateIndicatorDefinitionInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => String, { description: 'ESF Plus code (e.g. EECO02) or a programme code; unique in the programme.' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,19}$/, { message: 'code must be 2–20 capitals, digits, dashes or underscores' })
  code: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @Field(() => IndicatorUnit)
  @IsEnum(IndicatorUnit)
  unit: IndicatorUnit;

  @Field(() => IndicatorKind)
  @IsEnum(IndicatorKind)
  kind: IndicatorKind;

  @Field(() => ActualSource)
  @IsEnum(ActualSource)
  source: ActualSource;

  @Field(() => String, {
    nullable: true,
    description: 'COMPUTED: the counting rule (for PERCENT the numerator), e.g. EMPLOYED_ON_LEAVING.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  rule?: string | null;

  @Field(() => String, { nullable: true, description: 'COMPUTED PERCENT: the counting rule of the denominator, e.g. LEAVERS.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  denominatorRule?: string | null;

  @Field(() => Boolean)
  @IsBoolean()
  cumulative: boolean;

  @Field(() => [Disaggregation], { defaultValue: [] })
  @ArrayUnique()
  @IsEnum(Disaggregation, { each: true })
  disaggregations: Disaggregation[] = [];

  @Field(() => String, { description: 'Datenquelle as printed in the report.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  dataSource: string;
}
