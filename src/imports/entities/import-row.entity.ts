import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ImportRowStatus } from '../imports.enums.js';
import { BookingImport } from './booking-import.entity.js';

/** Why a row is not booked as it is, or what the commit will do with it. */
export interface RowReason {
  field: string;
  message: string;
}

/**
 * A staged row: one booking line of an uploaded file, as parsed (written in bulk by the staging
 * service). The preview sets status, reasons and the mapped cost category; the commit the booked
 * receipt. Rows are kept for the import's history; they are not money records.
 */
@Entity({ tableName: 'import_row' })
@Unique({ properties: ['bookingImport', 'line'] })
@Index({ properties: ['bookingImport', 'status', 'line'] })
export class ImportRow {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => BookingImport, { ref: true, fieldName: 'import_id' })
  bookingImport: Ref<BookingImport>;

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  /** Line of the file (1-based) where the row starts. */
  @Property({ type: 'integer' })
  line: number;

  /** Stable across files: the source's own booking id, or file hash and line. */
  @Property({ type: 'text' })
  sourceKey: string;

  @Property({ type: 'text', nullable: true })
  receiptNumber?: string | null;

  @Property({ type: LocalDateType, nullable: true })
  invoiceDate?: LocalDate | null;

  @Property({ type: LocalDateType, nullable: true })
  paymentDate?: LocalDate | null;

  @Property({ type: LocalDateType, nullable: true })
  valueDate?: LocalDate | null;

  /** Positive: money paid out (a receipt); negative: money received or a credit entry. */
  @Property({ type: MoneyType })
  amount: Decimal;

  @Property({ type: 'text' })
  counterparty: string;

  @Property({ type: 'text' })
  text: string;

  @Property({ type: 'text', nullable: true })
  account?: string | null;

  @Property({ type: 'text', nullable: true })
  contraAccount?: string | null;

  @Property({ type: 'text', nullable: true })
  costCentre?: string | null;

  @Property({ type: 'text', nullable: true })
  costCentre2?: string | null;

  /** A payment reference (end-to-end id) or the bank's entry reference. */
  @Property({ type: 'text', nullable: true })
  reference?: string | null;

  @Enum({ items: () => ImportRowStatus })
  status: ImportRowStatus;

  @Property({ type: 'json', nullable: true })
  reasons?: RowReason[] | null;

  @Property({ type: 'uuid', nullable: true })
  costCategoryId?: string | null;

  /** Set by the commit: the ledger row booked from this row. */
  @Property({ type: 'uuid', nullable: true })
  expenditureId?: string | null;

  /** For a correction: the earlier booking it replaces. */
  @Property({ type: 'uuid', nullable: true })
  replacesExpenditureId?: string | null;
}
