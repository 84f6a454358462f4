import { Check, Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { FundingSourceKind } from '../budget.enums.js';
import { PlanRow } from './plan-row.js';

/** Deckungsmittel: one kind of cover in one fiscal year, as one revision sets it. */
@Entity({ tableName: 'funding_source' })
@Unique({ properties: ['project', 'revision', 'kind', 'fiscalYear'] })
@Check({ name: 'funding_source_amount_check', expression: 'amount >= 0' })
export class FundingSource extends PlanRow {
  @Enum({ items: () => FundingSourceKind })
  kind: FundingSourceKind;

  @Property({ type: MoneyType })
  amount: Decimal;
}
