import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';

import { ELIGIBILITY_RULE_KINDS } from '../eligibility.js';
import { Gender, Track } from '../participants.enums.js';

export enum EligibilityRuleKind {
  GENDER_IN = 'GENDER_IN',
  AGE_AT_ENTRY = 'AGE_AT_ENTRY',
  LIVES_ALONE = 'LIVES_ALONE',
  RECEIVES_SGB2_BENEFITS = 'RECEIVES_SGB2_BENEFITS',
}
registerEnumType(EligibilityRuleKind, { name: 'EligibilityRuleKind' });
// The GraphQL enum and the rule evaluator must name the same kinds.
const _sameKinds: readonly `${EligibilityRuleKind}`[] = ELIGIBILITY_RULE_KINDS;
void _sameKinds;

@InputType()
export class EligibilityRuleInput {
  @Field(() => String, { description: 'Short code named in refusals, e.g. "FEMALE".' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'code must be 2–40 capitals, digits or underscores' })
  code: string;

  @Field(() => EligibilityRuleKind)
  @IsEnum(EligibilityRuleKind)
  kind: EligibilityRuleKind;

  @Field(() => [Track], { nullable: true, description: 'Tracks the rule applies to; all when omitted.' })
  @IsOptional()
  @IsEnum(Track, { each: true })
  tracks?: Track[] | null;

  @Field(() => [Gender], { nullable: true, description: 'For GENDER_IN.' })
  @IsOptional()
  @IsEnum(Gender, { each: true })
  genders?: Gender[] | null;

  @Field(() => Int, { nullable: true, description: 'For AGE_AT_ENTRY.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: 'For AGE_AT_ENTRY.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  maxAge?: number | null;
}

@InputType()
export class ParticipantRulesInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => [EligibilityRuleInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EligibilityRuleInput)
  eligibility: EligibilityRuleInput[];

  @Field(() => Int, {
    description: 'Months after exit that identity and health data are kept (at least 13, so the 12-month follow-up can happen).',
  })
  @IsInt()
  @Min(13)
  @Max(600)
  retentionMonthsAfterExit: number;

  @Field(() => Int, { defaultValue: 28 })
  @IsInt()
  @Min(0)
  @Max(365)
  entryDataDueDays = 28;

  @Field(() => Int, { defaultValue: 28 })
  @IsInt()
  @Min(0)
  @Max(365)
  exitDataDueDays = 28;

  @Field(() => Int, { defaultValue: 5 })
  @IsInt()
  @Min(1)
  @Max(100)
  minCellSize = 5;
}
