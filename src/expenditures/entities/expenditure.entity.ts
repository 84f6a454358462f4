import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { CostCategory } from '../../budget/entities/cost-category.entity.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { EntryKind } from '../expenditures.enums.js';
import { ExpenditureState } from './expenditure-state.entity.js';

/** The origin of an imported booking (imports module): set once, with the row. */
export interface ExpenditureProvenance {
  importId: string;
  mappingVersion: number;
  sourceKey: string;
  fileName: string;
  line: number;
}

/**
 * Beleg: one row of the receipt ledger. APPEND-ONLY: a trigger (migration) refuses UPDATE, DELETE
 * and TRUNCATE. A correction is a REVERSAL row (negated amounts, same payment date and category,
 * pointing at the original, with a reason) plus a new BOOKING with the same receipt number and the
 * next `revision`. The mutable status lives apart in ExpenditureState.
 */
@Entity({
  tableName: 'expenditure',
  // Append-only, enforced by the database whatever the application does (TRUNCATE is refused by a
  // statement trigger added by hand to the migration: PostgreSQL does not report those to the ORM).
  triggers: [
    {
      name: 'expenditure_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'The receipt ledger is append-only: % is refused. Correct a booking by reversing it.', tg_op;",
    },
  ],
})
@Unique({ name: 'expenditure_receipt_key', properties: ['project', 'receiptNumber', 'kind', 'revision'] })
@Index({ name: 'expenditure_ledger_order_index', properties: ['project', 'paymentDate', 'id'] })
@Index({ properties: ['project', 'fiscalYear', 'costCategory'] })
// The receipt list's order per cost category: the streamed export reads it without sorting (reporting).
@Index({ name: 'expenditure_receipt_list_index', properties: ['project', 'costCategory', 'paymentDate', 'id'] })
@Check({ name: 'expenditure_eligible_check', expression: 'eligible_amount = gross_amount - ineligible_amount' })
@Check({
  name: 'expenditure_amounts_check',
  expression: "(kind = 'BOOKING' and reversal_of_id is null and gross_amount > 0 and ineligible_amount >= 0 and ineligible_amount <= gross_amount) or (kind = 'REVERSAL' and reversal_of_id is not null and reason is not null and gross_amount < 0)",
})
export class Expenditure {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Enum({ items: () => EntryKind })
  kind: EntryKind;

  /** Beleg-Nr.: unique per project among live bookings (see the class comment for corrections). */
  @Property({ type: 'string', length: 60 })
  receiptNumber: string;

  /** 0 for the first booking of a receipt number, n for the n-th corrected booking. */
  @Property({ type: 'smallint' })
  revision: number;

  @Property({ type: LocalDateType })
  invoiceDate: LocalDate;

  /** Zahlungsdatum: decides the fiscal year and the order of the receipt list. */
  @Property({ type: LocalDateType })
  paymentDate: LocalDate;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  @Property({ type: 'text' })
  payee: string;

  @Property({ type: 'text' })
  purpose: string;

  @ManyToOne(() => CostCategory, { ref: true })
  costCategory: Ref<CostCategory>;

  @Property({ type: MoneyType })
  grossAmount: Decimal;

  @Property({ type: MoneyType })
  ineligibleAmount: Decimal;

  /** Why the non-eligible part is not eligible (shown in the Belegliste's Bemerkung). */
  @Property({ type: 'text', nullable: true })
  ineligibleReason?: string | null;

  /** gross − ineligible, checked by the database. */
  @Property({ type: MoneyType })
  eligibleAmount: Decimal;

  /**
   * The measure the spending belongs to. A plain nullable uuid WITHOUT a foreign key for now: the
   * measures module is built in parallel; the key is added when it lands.
   */
  @Property({ type: 'uuid', nullable: true })
  measureId?: string | null;

  /** For a REVERSAL: the booking it cancels (each booking can be reversed once). */
  @ManyToOne(() => Expenditure, { ref: true, nullable: true, unique: true })
  reversalOf?: Ref<Expenditure> | null;

  /** Why an entry is reversed (required on a REVERSAL). */
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @ManyToOne(() => AppUser, { ref: true })
  recordedBy: Ref<AppUser>;

  /** Where a booking came from when it was not typed in: the import, its mapping version, the source's key and line. */
  @Property({ type: 'json', nullable: true })
  provenance?: ExpenditureProvenance | null;

  @OneToOne(() => ExpenditureState, (state) => state.expenditure, { nullable: true })
  state?: ExpenditureState | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
