import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PaginationArgs } from '../../common/pagination/pagination.args.js';
import { ExitReason, Track } from '../../participants/participants.enums.js';
import { LabourStatus, MeasureType, OutcomeSource, OutcomeTiming } from '../measures.enums.js';

@InputType()
export class CreateMeasureInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => MeasureType)
  @IsEnum(MeasureType)
  type: MeasureType;

  @Field(() => String, { description: 'Unique within the project.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @Field(() => String, { description: 'Träger.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  provider: string;

  @Field(() => Track)
  @IsEnum(Track)
  track: Track;

  @Field(() => LocalDateScalar)
  startDate: LocalDate;

  @Field(() => LocalDateScalar)
  endDate: LocalDate;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity: number;

  @Field(() => DecimalScalar, { description: 'Cost per place in EUR, zero or more.' })
  costPerPlace: Decimal;
}

@InputType()
export class UpdateMeasureInput {
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
  provider?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  startDate?: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true })
  endDate?: LocalDate;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @Field(() => DecimalScalar, { nullable: true })
  costPerPlace?: Decimal;
}

@ArgsType()
export class MeasuresArgs extends PaginationArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Track, { nullable: true })
  @IsOptional()
  @IsEnum(Track)
  track?: Track;

  @Field(() => MeasureType, { nullable: true })
  @IsOptional()
  @IsEnum(MeasureType)
  type?: MeasureType;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only measures running on this day.' })
  runningOn?: LocalDate;
}

@InputType()
export class EnrolInput {
  @Field(() => ID)
  @IsUUID()
  participantId: string;

  @Field(() => ID)
  @IsUUID()
  measureId: string;

  @Field(() => LocalDateScalar)
  startDate: LocalDate;
}

@InputType()
export class EndParticipationInput {
  @Field(() => LocalDateScalar)
  endDate: LocalDate;

  @Field(() => ExitReason)
  @IsEnum(ExitReason)
  exitReason: ExitReason;
}

@InputType()
export class RecordOutcomeInput {
  @Field(() => ID)
  @IsUUID()
  participantId: string;

  @Field(() => OutcomeTiming)
  @IsEnum(OutcomeTiming)
  timing: OutcomeTiming;

  @Field(() => LocalDateScalar)
  observedOn: LocalDate;

  @Field(() => LabourStatus)
  @IsEnum(LabourStatus)
  labourStatus: LabourStatus;

  @Field(() => Boolean)
  @IsBoolean()
  benefitReceiptEnded: boolean;

  @Field(() => OutcomeSource)
  @IsEnum(OutcomeSource)
  source: OutcomeSource;
}
