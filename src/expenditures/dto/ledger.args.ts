import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PaginationArgs } from '../../common/pagination/pagination.args.js';
import { EntryKind, ExpenditureStatus } from '../expenditures.enums.js';

/** The receipt ledger's filters; rows come in ledger order (payment date, then id) with cursor pagination. */
@ArgsType()
export class LedgerArgs extends PaginationArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  costCategoryId?: string;

  @Field(() => ExpenditureStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ExpenditureStatus)
  status?: ExpenditureStatus;

  @Field(() => EntryKind, { nullable: true })
  @IsOptional()
  @IsEnum(EntryKind)
  kind?: EntryKind;

  @Field(() => String, { nullable: true, description: 'Part of the payee, case-insensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  payee?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Payment date from (inclusive).' })
  paidFrom?: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Payment date to (inclusive).' })
  paidTo?: LocalDate;

  @Field(() => DecimalScalar, { nullable: true, description: 'Smallest gross amount (inclusive).' })
  minAmount?: Decimal;

  @Field(() => DecimalScalar, { nullable: true, description: 'Largest gross amount (inclusive).' })
  maxAmount?: Decimal;
}
