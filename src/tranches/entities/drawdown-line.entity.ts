import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { CostCategory } from '../../budget/entities/cost-category.entity.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { Drawdown } from './drawdown.entity.js';

/** The amount of one cost category within a drawdown ("Bedarf je Position"). */
@Entity({ tableName: 'drawdown_line' })
@Unique({ properties: ['project', 'drawdown', 'costCategory'] })
@Check({ name: 'drawdown_line_amount_check', expression: 'amount <> 0' })
export class DrawdownLine {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  /** Indexed for loading the lines of a page of drawdowns. */
  @ManyToOne(() => Drawdown, { ref: true })
  @Index()
  drawdown: Ref<Drawdown>;

  @ManyToOne(() => CostCategory, { ref: true })
  costCategory: Ref<CostCategory>;

  @Property({ type: MoneyType })
  amount: Decimal;
}
