import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PaginationArgs } from '../../common/pagination/pagination.args.js';
import { ExitReason, Track } from '../../participants/participants.enums.js';
import { MeasureType, ObservationSource, ObservationType } from '../measures.enums.js';

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

@InputType({
  description: 'A dated labour-market observation: a status after the exit, or a job or training taken up (also while still taking part).',
})
export class RecordObservationInput {
  @Field(() => ID)
  @IsUUID()
  participantId: string;

  @Field(() => LocalDateScalar, { description: 'The day the status was observed; for a job or training taken up, its first day.' })
  observedOn: LocalDate;

  @Field(() => ObservationType)
  @IsEnum(ObservationType)
  type: ObservationType;

  @Field(() => ObservationSource)
  @IsEnum(ObservationSource)
  source: ObservationSource;
}

@InputType({ description: 'A correction: a new record that supersedes an observation in force, with the reason.' })
export class CorrectObservationInput {
  @Field(() => ID, { description: 'The observation in force that this one corrects.' })
  @IsUUID()
  observationId: string;

  @Field(() => String, { description: 'Why the earlier record was wrong (kept with the correction).' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;

  @Field(() => LocalDateScalar)
  observedOn: LocalDate;

  @Field(() => ObservationType)
  @IsEnum(ObservationType)
  type: ObservationType;

  @Field(() => ObservationSource)
  @IsEnum(ObservationSource)
  source: ObservationSource;
}

@InputType({ description: 'A withdrawal: a new record saying that an observation in force should not have been recorded.' })
export class WithdrawObservationInput {
  @Field(() => ID)
  @IsUUID()
  observationId: string;

  @Field(() => String)
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}
