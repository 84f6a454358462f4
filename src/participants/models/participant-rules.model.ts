import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import { Gender, Track } from '../participants.enums.js';
import { EligibilityRuleKind } from '../dto/participant-rules.input.js';

@ObjectType('EligibilityRule')
export class EligibilityRuleModel {
  @Field(() => String)
  code: string;

  @Field(() => EligibilityRuleKind)
  kind: EligibilityRuleKind;

  @Field(() => [Track], { nullable: true })
  tracks: Track[] | null;

  @Field(() => [Gender], { nullable: true })
  genders: Gender[] | null;

  @Field(() => Int, { nullable: true })
  minAge: number | null;

  @Field(() => Int, { nullable: true })
  maxAge: number | null;
}

@ObjectType('ParticipantRules', { description: "A programme's participant rules, kept as data." })
export class ParticipantRulesModel {
  @Field(() => ID)
  programId: string;

  @Field(() => [EligibilityRuleModel])
  eligibility: EligibilityRuleModel[];

  @Field(() => Int)
  retentionMonthsAfterExit: number;

  @Field(() => Int)
  entryDataDueDays: number;

  @Field(() => Int)
  exitDataDueDays: number;

  @Field(() => Int, {
    description:
      "The programme's one small-cell threshold: participant statistics, indicator reports and proof tables withhold smaller cells from analysts.",
  })
  minCellSize: number;
}
