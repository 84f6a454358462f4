import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';

/** A receipt's payment confirmed by a bank statement entry (bank reconciliation). One per receipt. */
@Entity({ tableName: 'bank_payment_match' })
@Unique({ properties: ['project', 'expenditureId'] })
export class BankPaymentMatch {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  /** The ledger row (expenditures module). */
  @Property({ type: 'uuid' })
  expenditureId: string;

  @Property({ type: 'uuid' })
  importId: string;

  @Property({ type: 'integer' })
  line: number;

  @Property({ type: LocalDateType })
  bookingDate: LocalDate;

  @Property({ type: LocalDateType, nullable: true })
  valueDate?: LocalDate | null;

  @Property({ type: MoneyType })
  amount: Decimal;

  @Property({ type: 'uuid' })
  confirmedById: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  confirmedAt: Opt<Date> = new Date();
}
