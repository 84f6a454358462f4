import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../../budget/budget.enums.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PaginationArgs } from '../../common/pagination/pagination.args.js';
import { EntryKind } from '../../expenditures/expenditures.enums.js';
import { IdempotentInput } from '../../tranches/dto/drawdown.inputs.js';
import { IncomeType } from '../income.enums.js';

/** The fields of one income, for a new booking or the replacement in a correction. */
@InputType()
export class IncomeFieldsInput {
  @Field(() => LocalDateScalar, { description: 'Inside the approval period; decides the fiscal year.' })
  paymentDate: LocalDate;

  @Field(() => String, { description: 'Einzahler: who paid (funder, partner, bank …).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  payer: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  purpose: string;

  @Field(() => String, { nullable: true, description: 'Beleg- or statement number.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  reference?: string;

  @Field(() => DecimalScalar, { description: 'More than 0.00 EUR (a correction is a reversal).' })
  amount: Decimal;

  @Field(() => FundingSourceKind, {
    description:
      'The Deckungsmittel of the plan in force the money belongs to; the plan must have it for the fiscal year. Never FEDERAL_GRANT.',
  })
  @IsEnum(FundingSourceKind)
  fundingSource: FundingSourceKind;

  @Field(() => IncomeType, {
    nullable: true,
    description: 'Default: OWN_FUNDS, THIRD_PARTY_FUNDS or PROJECT_INCOME after the funding source; INTEREST_INCOME belongs to INCOME.',
  })
  @IsOptional()
  @IsEnum(IncomeType)
  type?: IncomeType;

  @Field(() => ID, {
    nullable: true,
    description: 'The cost category the money co-finances, if earmarked; must have a budget line in that year.',
  })
  @IsOptional()
  @IsUUID()
  costCategoryId?: string;
}

@InputType()
export class RecordIncomeInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => IncomeFieldsInput)
  @ValidateNested()
  @Type(() => IncomeFieldsInput)
  income: IncomeFieldsInput;
}

@InputType()
export class ReverseIncomeInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  incomeId: string;

  @Field(() => String, { description: 'Why the booking is reversed (Stornogrund).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @Field(() => IncomeFieldsInput, { nullable: true, description: 'The corrected booking, booked in the same transaction as the reversal.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncomeFieldsInput)
  replacement?: IncomeFieldsInput;
}

/** The income ledger's filters; rows come in ledger order (payment date, then id). */
@ArgsType()
export class IncomesArgs extends PaginationArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => FundingSourceKind, { nullable: true })
  @IsOptional()
  @IsEnum(FundingSourceKind)
  fundingSource?: FundingSourceKind;

  @Field(() => IncomeType, { nullable: true })
  @IsOptional()
  @IsEnum(IncomeType)
  type?: IncomeType;

  @Field(() => EntryKind, { nullable: true })
  @IsOptional()
  @IsEnum(EntryKind)
  kind?: EntryKind;
}
