import { randomUUID } from 'node:crypto';

import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { PercentType } from '../../common/money/decimal.type.js';

/**
 * Basiszinssatz nach § 247 BGB, valid from `validFrom` until the next row. Global data, not a
 * project's: the published rates are inserted by the migration (base-rates.data.ts); an
 * administrator adds each new one (1 January / 1 July).
 */
@Entity({ tableName: 'base_rate' })
export class BaseRateRow {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: LocalDateType })
  @Unique()
  validFrom: LocalDate;

  /** Percent a year; may be negative (−0.88 from July 2016 to 2022). */
  @Property({ type: PercentType })
  ratePercent: Decimal;
}
