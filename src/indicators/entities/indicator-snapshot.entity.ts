import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { IndicatorDefinition } from './indicator-definition.entity.js';
import { ReportingPeriod } from './reporting-period.entity.js';

/**
 * One frozen figure of a locked reporting period: the indicator's totals (dimension 'TOTAL') or one
 * cell of a disaggregation, unsuppressed (suppression is applied when read, per reader). Written
 * once when the period is locked, never changed.
 */
@Entity({ tableName: 'indicator_snapshot' })
@Unique({ properties: ['project', 'period', 'indicator', 'dimension', 'cellKey'] })
export class IndicatorSnapshot {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  @ManyToOne(() => ReportingPeriod, { ref: true })
  period: Ref<ReportingPeriod>;

  @ManyToOne(() => IndicatorDefinition, { ref: true })
  indicator: Ref<IndicatorDefinition>;

  /** 'TOTAL' or a Disaggregation. */
  @Property({ type: 'string', length: 20 })
  dimension: string;

  @Property({ type: 'string', length: 40 })
  cellKey: string;

  @Property({ type: MoneyType, nullable: true })
  periodValue?: Decimal | null;

  @Property({ type: MoneyType, nullable: true })
  cumulativeValue?: Decimal | null;

  /** Persons behind the figure (TOTAL) or in the cell, for the period and cumulatively. */
  @Property({ type: 'integer', nullable: true })
  periodCount?: number | null;

  @Property({ type: 'integer', nullable: true })
  cumulativeCount?: number | null;

  @Property({ type: 'integer', nullable: true })
  numerator?: number | null;

  @Property({ type: 'integer', nullable: true })
  denominator?: number | null;

  @Property({ type: 'integer', nullable: true })
  cumulativeNumerator?: number | null;

  @Property({ type: 'integer', nullable: true })
  cumulativeDenominator?: number | null;

  /** Changes to earlier locked periods reported in this one (TOTAL rows only). */
  @Property({ type: MoneyType, nullable: true })
  lateCorrection?: Decimal | null;
}
