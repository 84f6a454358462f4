import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { CostCategory } from './cost-category.entity.js';

/**
 * Maintained totals per project × fiscal year × cost category, changed only through
 * `BudgetTotals.apply` in the same transaction as the booking that causes the change. The
 * overview reads these instead of scanning receipts; `BudgetTotals.check` recomputes them.
 */
@Entity({ tableName: 'budget_total' })
@Unique({ name: 'budget_total_key', properties: ['project', 'fiscalYear', 'costCategory'] })
export class BudgetTotal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  @ManyToOne(() => CostCategory, { ref: true })
  costCategory: Ref<CostCategory>;

  /** Tranches disbursed (Mittelabrufe ausgezahlt); a reclaim is negative. */
  @Property({ type: MoneyType, defaultRaw: '0' })
  drawn: Opt<Decimal> = new Decimal(0);

  /** Eligible expenditure booked (zuwendungsfähige Ausgaben). */
  @Property({ type: MoneyType, defaultRaw: '0' })
  spent: Opt<Decimal> = new Decimal(0);

  /** Known obligations not yet paid (contracts, orders). */
  @Property({ type: MoneyType, defaultRaw: '0' })
  committed: Opt<Decimal> = new Decimal(0);

  /** Raised by every change: the sum over a project's rows tells a reader whether anything changed since it last looked. */
  @Property({ type: 'bigint', defaultRaw: '1' })
  version: Opt<string> = '1';

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
