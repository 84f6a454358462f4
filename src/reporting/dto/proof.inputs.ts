import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { ProofKind, ProofStatus } from '../proof.enums.js';

@ArgsType()
export class ProofArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ProofKind)
  @IsEnum(ProofKind)
  kind: ProofKind;

  @Field(() => Int, { nullable: true, description: 'The fiscal year of an interim proof; omit for the final proof.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'Figures as of this day (today when omitted; never after today, never before the period); the same day gives byte-identical files.',
  })
  @IsOptional()
  asOf?: LocalDate | null;

  @Field(() => Int, { nullable: true, description: 'A submitted proof: the files of this earlier version (the current one when omitted).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  version?: number | null;
}

@ArgsType()
export class ProofListArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Reference day for "overdue"; today when omitted.' })
  @IsOptional()
  asOf?: LocalDate | null;
}

@ArgsType()
export class DueProofsArgs {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Reference day; today when omitted.' })
  @IsOptional()
  asOf?: LocalDate | null;
}

/** Which proof an input is about: the project, interim or final, and the interim proof's fiscal year. */
@InputType({ isAbstract: true })
abstract class ProofRefInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ProofKind)
  @IsEnum(ProofKind)
  kind: ProofKind;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number | null;
}

@InputType()
export class ChangeProofStatusInput extends ProofRefInput {
  @Field(() => ProofStatus)
  @IsEnum(ProofStatus)
  status: ProofStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'On SUBMITTED: the as-of date of the frozen files (today when omitted).' })
  @IsOptional()
  asOf?: LocalDate | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

@InputType()
export class ExplainProofDeviationInput extends ProofRefInput {
  @Field(() => ID, { description: 'The cost category (Position) of the Soll-Ist line.' })
  @IsUUID()
  costCategoryId: string;

  @Field(() => String, { description: 'Erläuterung der Abweichung; empty removes it.' })
  @IsString()
  @MaxLength(1000)
  text: string;
}
