import type { Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { CostCategory } from './cost-category.entity.js';
import { PlanRow } from './plan-row.js';

/** Einzelansatz: the planned amount of one cost category in one fiscal year, as one revision sets it. */
@Entity({ tableName: 'budget_line' })
@Unique({ properties: ['project', 'revision', 'costCategory', 'fiscalYear'] })
@Check({ name: 'budget_line_planned_check', expression: 'planned >= 0' })
export class BudgetLine extends PlanRow {
  @ManyToOne(() => CostCategory, { ref: true })
  costCategory: Ref<CostCategory>;

  @Property({ type: MoneyType })
  planned: Decimal;
}
