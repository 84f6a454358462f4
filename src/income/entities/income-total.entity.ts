import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../../budget/budget.enums.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';

/**
 * Maintained income per project × fiscal year × funding source, changed only through
 * `IncomeTotals.apply` in the booking's transaction; `IncomeTotals.check` recomputes it from the
 * ledger. Overviews and settlements read these instead of scanning the ledger.
 */
@Entity({ tableName: 'income_total' })
@Unique({ name: 'income_total_key', properties: ['project', 'fiscalYear', 'fundingSource'] })
export class IncomeTotal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  @Enum({ items: () => FundingSourceKind })
  fundingSource: FundingSourceKind;

  /** Sum of the bookings net of reversals. */
  @Property({ type: MoneyType, defaultRaw: '0' })
  received: Opt<Decimal> = new Decimal(0);

  @Property({ type: 'bigint', defaultRaw: '1' })
  version: Opt<string> = '1';

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
