import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { FundingSourceKind } from '../budget.enums.js';
import { CostCategoryModel } from './cost-category.model.js';

@ObjectType('BudgetRevision', {
  description: 'One state of a financing plan: 0 is the original plan, every later number an amendment (Änderungsbescheid).',
})
export class BudgetRevisionModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => Int)
  number: number;

  @Field(() => String)
  reason: string;

  @Field(() => String, { description: 'Number of the grant or amendment decision that set this plan.' })
  referenceNumber: string;

  @Field(() => LocalDateScalar, { description: 'Date of that decision.' })
  referenceDate: LocalDate;

  @Field(() => LocalDateScalar, { description: 'The plan applies from this date on.' })
  effectiveDate: LocalDate;

  @Field(() => ID, { nullable: true, description: 'The user who entered the revision.' })
  authorId: string | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('BudgetLine', { description: 'Einzelansatz: the planned amount of one cost category in one fiscal year.' })
export class BudgetLineModel {
  @Field(() => CostCategoryModel)
  costCategory: CostCategoryModel;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  planned: Decimal;
}

@ObjectType('AnnualInstalment', { description: 'Jahresscheibe: the part of the grant available in one fiscal year.' })
export class AnnualInstalmentModel {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  amount: Decimal;
}

@ObjectType('FundingSource', { description: 'Deckungsmittel: one kind of cover in one fiscal year.' })
export class FundingSourceModel {
  @Field(() => FundingSourceKind)
  kind: FundingSourceKind;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  amount: Decimal;
}

@ObjectType('BudgetPlan', { description: 'Finanzierungsplan: the whole plan as one revision sets it.' })
export class BudgetPlanModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => BudgetRevisionModel)
  revision: BudgetRevisionModel;

  @Field(() => [BudgetLineModel], { description: 'Ordered by fiscal year and category.' })
  lines: BudgetLineModel[];

  @Field(() => [AnnualInstalmentModel])
  instalments: AnnualInstalmentModel[];

  @Field(() => [FundingSourceModel])
  fundingSources: FundingSourceModel[];

  @Field(() => DecimalScalar, { description: 'Sum of the lines; equals fundingTotal.' })
  plannedTotal: Decimal;

  @Field(() => DecimalScalar, { description: 'Sum of the funding sources.' })
  fundingTotal: Decimal;

  @Field(() => DecimalScalar, { description: 'Sum of the annual instalments; equals the approved total.' })
  instalmentTotal: Decimal;
}
