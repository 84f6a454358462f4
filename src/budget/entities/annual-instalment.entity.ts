import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { BudgetRevision } from './budget-revision.entity.js';

/** Jahresscheibe: the part of the grant available in one fiscal year, as one revision sets it. */
@Entity({ tableName: 'annual_instalment' })
@Unique({ properties: ['project', 'revision', 'fiscalYear'] })
@Check({ name: 'annual_instalment_amount_check', expression: 'amount >= 0' })
export class AnnualInstalment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => BudgetRevision, { ref: true })
  revision: Ref<BudgetRevision>;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  @Property({ type: MoneyType })
  amount: Decimal;
}
