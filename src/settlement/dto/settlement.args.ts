import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../../budget/budget.enums.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PercentScalar } from '../../common/money/percent.scalar.js';

/** What a what-if assumes for the cost categories it does not name. */
export enum ScenarioBasis {
  /** Every other category spends exactly its plan by the end. */
  PLAN = 'PLAN',
  /** Every other category stays as booked by the as-of date. */
  ACTUAL = 'ACTUAL',
}

registerEnumType(ScenarioBasis, {
  name: 'ScenarioBasis',
  description: 'PLAN: unnamed categories spend their plan; ACTUAL: they stay as booked.',
});

@InputType()
export class CategoryScenarioInput {
  @Field(() => ID)
  @IsUUID()
  costCategoryId: string;

  @Field(() => PercentScalar, {
    nullable: true,
    description: 'Spending at the end as a percentage of the plan, e.g. "70.00" for 30 % under plan. Give this or amount.',
  })
  percentOfPlan?: Decimal;

  @Field(() => DecimalScalar, { nullable: true, description: 'Spending at the end in EUR. Give this or percentOfPlan.' })
  amount?: Decimal;
}

@InputType()
export class IncomeScenarioInput {
  @Field(() => FundingSourceKind, { description: 'OWN_FUNDS, THIRD_PARTY_FUNDS or INCOME.' })
  @IsEnum(FundingSourceKind)
  fundingSource: FundingSourceKind;

  @Field(() => DecimalScalar, { description: 'The total of this source over the whole period.' })
  amount: Decimal;
}

@InputType({
  description: 'A what-if: assumed spending per cost category and income per source, instead of (or on top of) what is booked.',
})
export class SettlementScenarioInput {
  @Field(() => ScenarioBasis, { defaultValue: ScenarioBasis.PLAN })
  @IsEnum(ScenarioBasis)
  unlisted: ScenarioBasis = ScenarioBasis.PLAN;

  @Field(() => [CategoryScenarioInput], { defaultValue: [] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CategoryScenarioInput)
  categories: CategoryScenarioInput[] = [];

  @Field(() => [IncomeScenarioInput], { defaultValue: [], description: 'Sources not named stay as booked.' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => IncomeScenarioInput)
  income: IncomeScenarioInput[] = [];

  @Field(() => DecimalScalar, { nullable: true, description: 'Assumed payouts net of repayments; default as paid out by the as-of date.' })
  paidOut?: Decimal;
}

@ArgsType()
export class SettlementArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'Cut-off: plan in force, spending, income and payouts up to this day; reclaim interest up to and including it. Default today.',
  })
  asOf?: LocalDate;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The day a reclaim is due; § 49a (3) VwVfG interest runs from it. Default: the day after the approval period ends.',
  })
  reclaimDueDate?: LocalDate;

  @Field(() => SettlementScenarioInput, {
    nullable: true,
    description: 'A what-if instead of the booked figures, e.g. B1 at 70 % of plan.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SettlementScenarioInput)
  whatIf?: SettlementScenarioInput;
}

@ArgsType()
export class ProgramSettlementsArgs {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Default today.' })
  asOf?: LocalDate;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'One due date for every reclaim; default for each project the day after its approval period.',
  })
  reclaimDueDate?: LocalDate;
}
