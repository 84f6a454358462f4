import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';

/** One camt.053 statement (Stmt) of an import, with its booked balances: the continuity check reads them. */
@Entity({ tableName: 'bank_statement' })
@Index({ properties: ['project', 'iban', 'closingDate'] })
export class BankStatement {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'uuid' })
  importId: string;

  @Property({ type: 'string', length: 34 })
  iban: string;

  @Property({ type: 'text' })
  statementId: string;

  @Property({ type: LocalDateType })
  openingDate: LocalDate;

  @Property({ type: LocalDateType })
  closingDate: LocalDate;

  /** Signed: negative when the account was overdrawn. */
  @Property({ type: MoneyType })
  openingBalance: Decimal;

  @Property({ type: MoneyType })
  closingBalance: Decimal;

  @Property({ type: 'integer' })
  entries: number;
}
