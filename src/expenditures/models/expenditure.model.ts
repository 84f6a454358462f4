import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import type { MoneyText } from '../../common/money/money.js';
import { Connection } from '../../common/pagination/connection.js';
import { EntryKind, ExpenditureStatus } from '../expenditures.enums.js';

@ObjectType('ExpenditureProvenance', { description: 'Where an imported booking came from.' })
export class ExpenditureProvenanceModel {
  @Field(() => ID)
  importId: string;

  @Field(() => Int, { description: 'The version of the mapping rules that chose its cost category.' })
  mappingVersion: number;

  @Field(() => String, { description: "The stable key of the source row (the source's own booking id, or file hash and line)." })
  sourceKey: string;

  @Field(() => String)
  fileName: string;

  @Field(() => Int)
  line: number;
}

@ObjectType('Expenditure', { description: 'Beleg: one row of the append-only receipt ledger (a booking or a reversal).' })
export class ExpenditureModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => EntryKind)
  kind: EntryKind;

  @Field(() => String)
  receiptNumber: string;

  @Field(() => Int, { description: '0 for the first booking of a receipt number, n for its n-th correction.' })
  revision: number;

  @Field(() => LocalDateScalar)
  invoiceDate: LocalDate;

  @Field(() => LocalDateScalar)
  paymentDate: LocalDate;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => String)
  payee: string;

  @Field(() => String)
  purpose: string;

  @Field(() => ID)
  costCategoryId: string;

  @Field(() => String)
  costCategoryCode: string;

  @Field(() => DecimalScalar)
  grossAmount: Decimal | MoneyText;

  @Field(() => DecimalScalar)
  ineligibleAmount: Decimal | MoneyText;

  @Field(() => String, { nullable: true, description: 'Why the ineligible part is not eligible (Belegliste, Bemerkung).' })
  ineligibleReason: string | null;

  @Field(() => DecimalScalar)
  eligibleAmount: Decimal | MoneyText;

  @Field(() => ID, { nullable: true })
  measureId: string | null;

  @Field(() => ID, { nullable: true, description: 'For a reversal: the booking it cancels.' })
  reversalOfId: string | null;

  @Field(() => ID, { nullable: true, description: 'For a reversed booking: the reversal that cancels it.' })
  reversedById: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => ExpenditureStatus)
  status: ExpenditureStatus;

  @Field(() => String, { nullable: true })
  statusComment: string | null;

  @Field(() => ID)
  recordedById: string;

  @Field(() => ExpenditureProvenanceModel, {
    nullable: true,
    description: 'For an imported booking: the import, mapping version and source row.',
  })
  provenance: ExpenditureProvenanceModel | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType()
export class ExpenditureConnection extends Connection(ExpenditureModel, 'Expenditure') {}

@ObjectType('ExpenditureCorrection', { description: 'A reversal and, for a correction, the new booking.' })
export class ExpenditureCorrectionModel {
  @Field(() => ExpenditureModel)
  reversal: ExpenditureModel;

  @Field(() => ExpenditureModel, { nullable: true })
  replacement: ExpenditureModel | null;
}
