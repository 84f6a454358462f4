import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import { PercentScalar } from '../../common/money/percent.scalar.js';
import { FinancingType } from '../programs.enums.js';

@ObjectType('ProgramRules', { description: 'Grant-law rules of a programme, kept as data (docs/domain.md#grant-law-rules).' })
export class ProgramRulesModel {
  @Field(() => Int, { description: 'Drawn funds must be spent within this many days of payout (ANBest-P 1.4).' })
  drawdownHorizonDays: number;

  @Field(() => PercentScalar, {
    description: 'A cost line may exceed its plan by this percent if other lines save the same (ANBest-P 1.2).',
  })
  lineOverrunPercent: Decimal;

  @Field(() => Int, { description: 'Month of the following year in which the interim proof is due.' })
  interimProofDueMonth: number;

  @Field(() => Int, { description: 'Day of that month.' })
  interimProofDueDay: number;

  @Field(() => Int, { description: 'Months after the approval period in which the final proof of use is due.' })
  finalProofDueMonths: number;

  @Field(() => [FinancingType])
  allowedFinancingTypes: FinancingType[];
}

@ObjectType('FundingProgram', { description: 'Förderprogramm: a federal programme with its rules; owns many projects.' })
export class FundingProgramModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'Legal basis, e.g. the funding guideline and § 44 BHO.' })
  legalBasis: string;

  @Field(() => String, { description: 'The granting authority (Zuwendungsgeber).' })
  grantor: string;

  @Field(() => ProgramRulesModel)
  rules: ProgramRulesModel;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}
