import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { FundingSourceKind } from '../../budget/budget.enums.js';
import { CostCategory } from '../../budget/entities/cost-category.entity.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { EntryKind } from '../../expenditures/expenditures.enums.js';
import { Project } from '../../programs/entities/project.entity.js';
import { IncomeType } from '../income.enums.js';

/**
 * Einnahme: one row of the income ledger (own funds, third-party funds, project income, interest
 * income). APPEND-ONLY like the receipt ledger: a trigger refuses UPDATE, DELETE and TRUNCATE; a
 * correction is a REVERSAL row (negated amount, same date and source, pointing at the original,
 * with a reason) plus a new BOOKING.
 */
@Entity({
  tableName: 'income',
  triggers: [
    {
      name: 'income_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'The income ledger is append-only: % is refused. Correct a booking by reversing it.', tg_op;",
    },
  ],
})
@Index({ name: 'income_ledger_order_index', properties: ['project', 'paymentDate', 'id'] })
@Index({ properties: ['project', 'fiscalYear', 'fundingSource'] })
@Check({
  name: 'income_amount_check',
  expression:
    "(kind = 'BOOKING' and reversal_of_id is null and amount > 0) or (kind = 'REVERSAL' and reversal_of_id is not null and reason is not null and amount < 0)",
})
@Check({ name: 'income_source_check', expression: "funding_source <> 'FEDERAL_GRANT'" })
export class Income {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the ledger-order index, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Enum({ items: () => EntryKind })
  kind: EntryKind;

  /** The Deckungsmittel of the plan the money belongs to (never the federal grant). */
  @Enum({ items: () => FundingSourceKind })
  fundingSource: FundingSourceKind;

  @Enum({ items: () => IncomeType })
  type: IncomeType;

  /** Zahlungsdatum: decides the fiscal year and the ledger order. */
  @Property({ type: LocalDateType })
  paymentDate: LocalDate;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  /** Einzahler: who paid (the funder of third-party funds, the bank of interest income …). */
  @Property({ type: 'text' })
  payer: string;

  @Property({ type: 'text' })
  purpose: string;

  /** Beleg- or statement number, if the grantee keeps one. */
  @Property({ type: 'string', length: 60, nullable: true })
  reference?: string | null;

  @Property({ type: MoneyType })
  amount: Decimal;

  /** The cost category the money co-finances, if it is earmarked (e.g. a partner's own share in D). */
  @ManyToOne(() => CostCategory, { ref: true, nullable: true })
  costCategory?: Ref<CostCategory> | null;

  /** For a REVERSAL: the booking it cancels (each booking can be reversed once). */
  @ManyToOne(() => Income, { ref: true, nullable: true, unique: true })
  reversalOf?: Ref<Income> | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @ManyToOne(() => AppUser, { ref: true })
  recordedBy: Ref<AppUser>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
