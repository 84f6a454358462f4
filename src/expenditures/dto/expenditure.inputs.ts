import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { IdempotentInput } from '../../tranches/dto/drawdown.inputs.js';
import { ExpenditureStatus } from '../expenditures.enums.js';

/** The fields of one receipt, for a new booking or the replacement in a correction. */
@InputType()
export class ExpenditureFieldsInput {
  @Field(() => String, { description: 'Beleg-Nr.; unique per project among live bookings.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  receiptNumber: string;

  @Field(() => LocalDateScalar, { description: 'Not after the payment date, unless invoiceDateNote says why.' })
  invoiceDate: LocalDate;

  @Field(() => String, {
    nullable: true,
    description: 'Why the invoice is dated after the payment (e.g. a prepayment); required only then.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  invoiceDateNote?: string;

  @Field(() => LocalDateScalar, { description: 'Inside the approval period; decides the fiscal year.' })
  paymentDate: LocalDate;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  payee: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  purpose: string;

  @Field(() => ID, { description: 'Must have a budget line in the plan for the fiscal year.' })
  @IsUUID()
  costCategoryId: string;

  @Field(() => DecimalScalar, { description: 'More than 0.00 EUR.' })
  grossAmount: Decimal;

  @Field(() => DecimalScalar, { description: 'From 0.00 up to the gross amount.' })
  ineligibleAmount: Decimal;

  @Field(() => DecimalScalar, { description: 'Must equal gross − ineligible (checked).' })
  eligibleAmount: Decimal;

  @Field(() => String, { nullable: true, description: "Why the ineligible part is not eligible; shown in the proof's Belegliste." })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  ineligibleReason?: string | null;

  @Field(() => ID, { nullable: true, description: 'The measure the spending belongs to (not yet checked against the measures module).' })
  @IsOptional()
  @IsUUID()
  measureId?: string;
}

@InputType()
export class RecordExpenditureInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ExpenditureFieldsInput)
  @ValidateNested()
  @Type(() => ExpenditureFieldsInput)
  receipt: ExpenditureFieldsInput;
}

@InputType()
export class ReverseExpenditureInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  expenditureId: string;

  @Field(() => String, { description: 'Why the booking is reversed (Stornogrund).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @Field(() => ExpenditureFieldsInput, {
    nullable: true,
    description: 'The corrected booking, booked in the same transaction as the reversal.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExpenditureFieldsInput)
  replacement?: ExpenditureFieldsInput;
}

@InputType()
export class SetExpenditureStatusInput {
  @Field(() => ID)
  @IsUUID()
  expenditureId: string;

  @Field(() => ExpenditureStatus)
  @IsEnum(ExpenditureStatus)
  status: ExpenditureStatus;

  @Field(() => String, { nullable: true, description: 'Required when rejecting.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
