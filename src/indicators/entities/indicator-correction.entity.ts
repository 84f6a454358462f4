import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { IndicatorDefinition } from './indicator-definition.entity.js';
import { ReportingPeriod } from './reporting-period.entity.js';

/**
 * A late correction of an earlier locked period's figure, frozen with the period it was reported
 * in (written when that period is locked, never changed): what had been reported for the earlier
 * period, what it is now, and the difference. For percentages the numerator and denominator of both.
 * Later reports compare against the latest such figure, so a correction is reported once.
 */
@Entity({ tableName: 'indicator_correction' })
@Unique({ properties: ['project', 'reportedIn', 'correctedPeriod', 'indicator'] })
export class IndicatorCorrection {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  /** The locked period whose report carried the correction. */
  @ManyToOne(() => ReportingPeriod, { ref: true })
  reportedIn: Ref<ReportingPeriod>;

  /** The earlier locked period whose figure changed. */
  @ManyToOne(() => ReportingPeriod, { ref: true })
  correctedPeriod: Ref<ReportingPeriod>;

  @ManyToOne(() => IndicatorDefinition, { ref: true })
  indicator: Ref<IndicatorDefinition>;

  @Property({ type: MoneyType })
  reportedValue: Decimal;

  @Property({ type: MoneyType })
  correctedValue: Decimal;

  /** correctedValue − reportedValue, in the indicator's unit (percentage points for shares). */
  @Property({ type: MoneyType })
  difference: Decimal;

  /** Persons behind the corrected figure (PERSONS: the value; PERCENT: the numerator); null for EUR. */
  @Property({ type: 'integer', nullable: true })
  correctedPersons?: number | null;

  @Property({ type: 'integer', nullable: true })
  reportedPersons?: number | null;

  @Property({ type: 'integer', nullable: true })
  reportedNumerator?: number | null;

  @Property({ type: 'integer', nullable: true })
  correctedNumerator?: number | null;

  @Property({ type: 'integer', nullable: true })
  reportedDenominator?: number | null;

  @Property({ type: 'integer', nullable: true })
  correctedDenominator?: number | null;
}
