import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import { DecimalScalar } from '../../common/money/decimal.scalar.js';

@ObjectType('BudgetTotalsDifference', { description: 'A maintained total that differs from what the raw rows add up to.' })
export class BudgetTotalsDifferenceModel {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => ID)
  costCategoryId: string;

  @Field(() => String, { description: 'drawn, spent or committed.' })
  field: string;

  @Field(() => DecimalScalar)
  maintained: Decimal;

  @Field(() => DecimalScalar)
  recomputed: Decimal;
}

@ObjectType('BudgetTotalsCheck', { description: "Result of recomputing a project's maintained totals from the raw rows." })
export class BudgetTotalsCheckModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => [String], { description: 'The sources of raw rows that were recomputed.' })
  sources: string[];

  @Field(() => Boolean)
  consistent: boolean;

  @Field(() => [BudgetTotalsDifferenceModel])
  differences: BudgetTotalsDifferenceModel[];
}
