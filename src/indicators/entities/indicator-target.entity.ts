import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { IndicatorDefinition } from './indicator-definition.entity.js';

/**
 * Soll-Werte of one indicator for one project. `year` null is the whole approval period (baseline,
 * the mid-term milestone and the final target); a row per fiscal year holds that year's milestone
 * and target. Values are numeric(14,2) whatever the unit (persons, percent, EUR).
 */
@Entity({ tableName: 'indicator_target' })
@Unique({ name: 'indicator_target_year_unique', properties: ['project', 'indicator', 'year'] })
@Index({ properties: ['project', 'indicator'] })
export class IndicatorTarget {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  @ManyToOne(() => IndicatorDefinition, { ref: true })
  indicator: Ref<IndicatorDefinition>;

  /** Fiscal year, or 0 for the whole approval period (0 rather than null so the unique key holds). */
  @Property({ type: 'smallint' })
  year: number;

  @Property({ type: MoneyType, nullable: true })
  baseline?: Decimal | null;

  @Property({ type: MoneyType, nullable: true })
  milestone?: Decimal | null;

  @Property({ type: MoneyType })
  target: Decimal;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** The `year` of the whole-period row. */
export const WHOLE_PERIOD = 0;
