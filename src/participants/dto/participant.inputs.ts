import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { PaginationArgs } from '../../common/pagination/pagination.args.js';
import { ExitReason, Gender, ParticipantStatus, Track } from '../participants.enums.js';

@InputType()
export class ExitParticipantInput {
  @Field(() => LocalDateScalar, { description: 'Last day in the project; open participations end on it too.' })
  exitDate: LocalDate;

  @Field(() => ExitReason)
  @IsEnum(ExitReason)
  exitReason: ExitReason;
}

@InputType()
export class ErasureRequestInput {
  @Field(() => LocalDateScalar)
  requestReceivedOn: LocalDate;

  @Field(() => String, {
    description:
      'How the requester\'s identity was verified (e.g. "ID card checked in person"). Checked, but not stored: the audit trail records only that it was given (it may hold an ID-card number).',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  verification: string;
}

@ArgsType()
export class ParticipantsArgs extends PaginationArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ParticipantStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ParticipantStatus)
  status?: ParticipantStatus;

  @Field(() => Track, { nullable: true })
  @IsOptional()
  @IsEnum(Track)
  track?: Track;

  @Field(() => Gender, { nullable: true })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Entry on or after this date.' })
  entryFrom?: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Entry on or before this date.' })
  entryTo?: LocalDate;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^TN-[0-9A-Z]{1,8}$/, { message: 'pseudonym must look like TN-7K3M9Q2P' })
  pseudonym?: string;
}

@ArgsType()
export class ProjectAsOfArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Reference day; today when omitted.' })
  asOf?: LocalDate;
}

@ArgsType()
export class ParticipantIdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@InputType({ description: 'A correction of a recorded exit: another exit date and/or reason, with the reason for the correction.' })
export class CorrectExitInput {
  @Field(() => LocalDateScalar, { description: 'Last day in the project, as it really was.' })
  exitDate: LocalDate;

  @Field(() => ExitReason)
  @IsEnum(ExitReason)
  exitReason: ExitReason;

  @Field(() => String, { description: 'Why the recorded exit was wrong (kept with the correction).' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}

@InputType({ description: 'Withdraws a recorded exit: the person had not left.' })
export class WithdrawExitInput {
  @Field(() => String)
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}
