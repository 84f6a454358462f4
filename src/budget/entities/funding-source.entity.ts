import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { FundingSourceKind } from '../budget.enums.js';
import { BudgetRevision } from './budget-revision.entity.js';

/** Deckungsmittel: one kind of cover in one fiscal year, as one revision sets it. */
@Entity({ tableName: 'funding_source' })
@Unique({ properties: ['project', 'revision', 'kind', 'fiscalYear'] })
@Check({ name: 'funding_source_amount_check', expression: 'amount >= 0' })
export class FundingSource {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => BudgetRevision, { ref: true })
  revision: Ref<BudgetRevision>;

  @Enum({ items: () => FundingSourceKind })
  kind: FundingSourceKind;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  @Property({ type: MoneyType })
  amount: Decimal;
}
