import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../../budget/budget.enums.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PercentScalar } from '../../common/money/percent.scalar.js';
import { Connection } from '../../common/pagination/connection.js';
import { EntryKind } from '../../expenditures/expenditures.enums.js';
import { IncomeType } from '../income.enums.js';

@ObjectType('Income', { description: 'Einnahme: one row of the append-only income ledger (a booking or a reversal).' })
export class IncomeModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => EntryKind)
  kind: EntryKind;

  @Field(() => FundingSourceKind)
  fundingSource: FundingSourceKind;

  @Field(() => IncomeType)
  type: IncomeType;

  @Field(() => LocalDateScalar)
  paymentDate: LocalDate;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => String)
  payer: string;

  @Field(() => String)
  purpose: string;

  @Field(() => String, { nullable: true })
  reference: string | null;

  @Field(() => DecimalScalar, { description: 'Positive for a booking, negative for a reversal.' })
  amount: Decimal;

  @Field(() => ID, { nullable: true })
  costCategoryId: string | null;

  @Field(() => String, { nullable: true })
  costCategoryCode: string | null;

  @Field(() => ID, { nullable: true, description: 'For a reversal: the booking it cancels.' })
  reversalOfId: string | null;

  @Field(() => ID, { nullable: true, description: 'For a reversed booking: the reversal that cancels it.' })
  reversedById: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => ID)
  recordedById: string;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType()
export class IncomeConnection extends Connection(IncomeModel, 'Income') {}

@ObjectType('IncomeCorrection', { description: 'A reversal and, for a correction, the new booking.' })
export class IncomeCorrectionModel {
  @Field(() => IncomeModel)
  reversal: IncomeModel;

  @Field(() => IncomeModel, { nullable: true })
  replacement: IncomeModel | null;
}

@ObjectType('FundingFigures', { description: 'Einnahmen: one funding source, planned (Soll lt. Finanzierungsplan) against actual (Ist).' })
export class FundingFiguresModel {
  @Field(() => Int, { nullable: true, description: 'The fiscal year; null for the whole period.' })
  fiscalYear: number | null;

  @Field(() => FundingSourceKind)
  kind: FundingSourceKind;

  @Field(() => DecimalScalar, { description: 'Soll: the plan in force.' })
  planned: Decimal;

  @Field(() => DecimalScalar, {
    description: 'Ist: the federal grant as paid out net of repayments; every other source from the income ledger.',
  })
  actual: Decimal;

  @Field(() => DecimalScalar, { description: 'Abweichung: actual − planned.' })
  deviation: Decimal;

  @Field(() => PercentScalar, {
    nullable: true,
    description: 'Abweichung in % of planned (half up to two decimals); null where nothing is planned.',
  })
  deviationPercent: Decimal | null;
}

@ObjectType('FundingYear')
export class FundingYearModel {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => [FundingFiguresModel], { description: 'One row per funding source, in a fixed order.' })
  sources: FundingFiguresModel[];
}

@ObjectType('BudgetFunding', { description: 'Deckungsmittel: planned against actual per funding source and fiscal year.' })
export class BudgetFundingModel {
  @Field(() => [FundingYearModel])
  years: FundingYearModel[];

  @Field(() => [FundingFiguresModel], { description: 'Per funding source over the whole period.' })
  sources: FundingFiguresModel[];
}

@ObjectType('IncomeTotalsDifference')
export class IncomeTotalsDifferenceModel {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => FundingSourceKind)
  fundingSource: FundingSourceKind;

  @Field(() => DecimalScalar)
  maintained: Decimal;

  @Field(() => DecimalScalar)
  recomputed: Decimal;
}

@ObjectType('IncomeTotalsCheck', { description: 'The maintained income totals against the ledger.' })
export class IncomeTotalsCheckModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => Boolean)
  consistent: boolean;

  @Field(() => [IncomeTotalsDifferenceModel])
  differences: IncomeTotalsDifferenceModel[];
}
