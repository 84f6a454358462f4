import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { FundingSourceKind } from '../budget.enums.js';

/** List items are checked by the service (plan-rules.ts), which names them as "lines.3.planned". */
@InputType()
export class BudgetLineInput {
  @Field(() => String, { description: 'Code of a cost category of the programme, e.g. "B1".' })
  costCategory: string;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  planned: Decimal;
}

@InputType()
export class AnnualInstalmentInput {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  amount: Decimal;
}

@InputType()
export class FundingSourceInput {
  @Field(() => FundingSourceKind)
  kind: FundingSourceKind;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  amount: Decimal;
}

/** The whole plan of a revision: every revision states the complete plan, so each one stays readable alone. */
@InputType({ isAbstract: true })
export abstract class PlanContentInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => String, { description: 'Number of the grant or amendment decision that sets this plan.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  referenceNumber: string;

  @Field(() => LocalDateScalar, { description: 'Date of that decision.' })
  referenceDate: LocalDate;

  @Field(() => LocalDateScalar, { description: 'The plan applies from this date on.' })
  effectiveDate: LocalDate;

  @Field(() => [BudgetLineInput])
  @IsArray()
  @ArrayMaxSize(2000)
  lines: BudgetLineInput[];

  @Field(() => [AnnualInstalmentInput])
  @IsArray()
  @ArrayMaxSize(100)
  instalments: AnnualInstalmentInput[];

  @Field(() => [FundingSourceInput])
  @IsArray()
  @ArrayMaxSize(400)
  fundingSources: FundingSourceInput[];
}

@InputType({ description: 'The original financing plan of a project (revision 0).' })
export class CreateBudgetPlanInput extends PlanContentInput {
  @Field(() => String, {
    nullable: true,
    defaultValue: 'Ursprünglicher Finanzierungsplan',
    description: 'Defaults to "Ursprünglicher Finanzierungsplan".',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

@InputType({ description: 'A new revision of the plan (Änderungsbescheid), based on the revision the author last read.' })
export class ReviseBudgetPlanInput extends PlanContentInput {
  @Field(() => Int, {
    description: 'The revision this change is based on; must be the latest, or the change is refused as stale (CONFLICT).',
  })
  @IsInt()
  @Min(0)
  baseRevision: number;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'A changed approved total (the Änderungsbescheid raises or cuts the grant); the instalments must add up to it, and it may not fall below the money already requested, approved or paid out.',
  })
  @IsOptional()
  approvedTotal?: Decimal;
}
