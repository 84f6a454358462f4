import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';

/**
 * Which ledger row currently stands for a source key: what makes a re-import idempotent. One row
 * per (project, source key); a correction points it at the replacement (the ledger keeps both
 * bookings and the reversal, the audit trail the change).
 */
@Entity({ tableName: 'imported_booking' })
@Unique({ name: 'imported_booking_key', properties: ['project', 'sourceKey'] })
export class ImportedBooking {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'text' })
  sourceKey: string;

  /** The ledger row (expenditures module); a plain id, the ledger is another module's. */
  @Property({ type: 'uuid' })
  expenditureId: string;

  @Property({ type: MoneyType })
  amount: Decimal;

  @Property({ type: 'uuid' })
  importId: string;

  @Property({ type: 'integer' })
  line: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
