import { Check, Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { PlanRow } from './plan-row.js';

/** Jahresscheibe: the part of the grant available in one fiscal year, as one revision sets it. */
@Entity({ tableName: 'annual_instalment' })
@Unique({ properties: ['project', 'revision', 'fiscalYear'] })
@Check({ name: 'annual_instalment_amount_check', expression: 'amount >= 0' })
export class AnnualInstalment extends PlanRow {
  @Property({ type: MoneyType })
  amount: Decimal;
}
