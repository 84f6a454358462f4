import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { DrawdownKind } from '../tranches.enums.js';

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;
const KEY_MESSAGE = 'idempotencyKey must be 8–100 letters, digits, dots, colons, dashes or underscores (e.g. a UUID)';

/** Every money mutation carries a client-chosen key: a retry with the same key books nothing new. */
@InputType({ isAbstract: true })
export abstract class IdempotentInput {
  @Field(() => String, {
    description:
      'Client-chosen key (e.g. a UUID). The same key with the same input returns the first result; with other input it is a CONFLICT.',
  })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  idempotencyKey: string;
}

@InputType()
export class DrawdownLineInput {
  @Field(() => ID)
  @IsUUID()
  costCategoryId: string;

  @Field(() => DecimalScalar, { description: 'More than 0.00 EUR.' })
  amount: Decimal;
}

@InputType()
export class RequestDrawdownInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => LocalDateScalar, { description: 'When the money is expected; its year is the fiscal year drawn on.' })
  expectedPayoutDate: LocalDate;

  @Field(() => LocalDateScalar, { description: "Bedarf bis: at most the expected payout plus the programme's horizon (ANBest-P 1.4)." })
  neededUntil: LocalDate;

  @Field(() => [DrawdownLineInput], { description: 'Amount per cost category.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DrawdownLineInput)
  lines: DrawdownLineInput[];
}

@InputType()
export class DecideDrawdownInput {
  @Field(() => ID)
  @IsUUID()
  drawdownId: string;

  @Field(() => String, { nullable: true, description: 'Required when rejecting.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

@InputType()
export class SubmitDrawdownInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  drawdownId: string;
}

@InputType()
export class DisburseDrawdownInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  drawdownId: string;

  @Field(() => LocalDateScalar, { description: 'The day the money arrived.' })
  payoutDate: LocalDate;

  @Field(() => DecimalScalar, { description: 'The amount paid out; must equal the approved amount.' })
  amount: Decimal;
}

@InputType()
export class RecordRepaymentInput extends IdempotentInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => DrawdownKind, { description: 'REPAYMENT (the grantee pays back) or RECLAIM (the grantor claims back).' })
  @IsIn([DrawdownKind.REPAYMENT, DrawdownKind.RECLAIM], { message: 'kind must be REPAYMENT or RECLAIM' })
  kind: DrawdownKind;

  @Field(() => LocalDateScalar, { description: 'The day the money went back; its year is the fiscal year.' })
  paymentDate: LocalDate;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @Field(() => ID, { nullable: true, description: 'The tranche the money comes from, if it is one.' })
  @IsOptional()
  @IsUUID()
  relatesToDrawdownId?: string;

  @Field(() => [DrawdownLineInput], { description: 'Amounts going back per cost category, each more than 0.00 EUR (stored negative).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DrawdownLineInput)
  lines: DrawdownLineInput[];
}
