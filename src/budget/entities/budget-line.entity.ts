import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { BudgetRevision } from './budget-revision.entity.js';
import { CostCategory } from './cost-category.entity.js';

/** Einzelansatz: the planned amount of one cost category in one fiscal year, as one revision sets it. */
@Entity({ tableName: 'budget_line' })
@Unique({ properties: ['project', 'revision', 'costCategory', 'fiscalYear'] })
@Check({ name: 'budget_line_planned_check', expression: 'planned >= 0' })
export class BudgetLine {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => BudgetRevision, { ref: true })
  revision: Ref<BudgetRevision>;

  @ManyToOne(() => CostCategory, { ref: true })
  costCategory: Ref<CostCategory>;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  @Property({ type: MoneyType })
  planned: Decimal;
}
